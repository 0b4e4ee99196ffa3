namespace Billing.UnitTests; public class Placeholder { [Fact] public void Works() => Assert.True(true); }
