namespace Billing.DeploymentTests.Infrastructure;

/// <summary>The place of a test in a class whose tests are steps through one shared stack (see <see cref="StepOrderer"/>).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class StepAttribute(int number) : Attribute
{
    public int Number { get; } = number;
}
