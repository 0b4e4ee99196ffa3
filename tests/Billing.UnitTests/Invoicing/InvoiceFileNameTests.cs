using System.Text;
using Billing.Grains.Invoicing;

namespace Billing.UnitTests.Invoicing;

public sealed class InvoiceFileNameTests
{
    [Theory]
    [InlineData("Emma", "Emma")]
    [InlineData("customer_0-1", "customer_0-1")]
    [InlineData("a/b", "a%2Fb")]
    [InlineData("a%2Fb", "a%252Fb")]
    [InlineData("a_b", "a_b")]
    [InlineData("..", "%2E%2E")]
    [InlineData("../etc/passwd", "%2E%2E%2Fetc%2Fpasswd")]
    [InlineData("a\\b", "a%5Cb")]
    [InlineData("Anne Marie", "Anne%20Marie")]
    [InlineData("Zoë", "Zoë")]
    [InlineData("東京", "東京")]
    [InlineData("e\u0301", "e%CC%81")]
    [InlineData("💶", "%F0%9F%92%B6")]
    [InlineData("a~b", "a%7Eb")]
    public void For_Customer_KeepsSafeLettersAndPercentEncodesTheRest(string customer, string expected)
    {
        Assert.Equal(expected, InvoiceFileName.For(customer));
    }

    [Fact]
    public void For_LookalikeCustomers_GetDistinctNames()
    {
        string[] customers = ["a/b", "a%2Fb", "a_b", "a b", "a.b", "a\\b", "A/b", "a/b ", "a//b"];

        var names = customers.Select(InvoiceFileName.For).ToArray();

        Assert.Equal(customers.Length, names.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void For_SameCustomerTwice_GivesTheSameName()
    {
        var customer = new string('/', 120) + "Émma";

        Assert.Equal(InvoiceFileName.For(customer), InvoiceFileName.For(customer));
    }

    [Fact]
    public void For_LongCustomers_StayWithinTheLimitDistinctAndFreeOfPathCharacters()
    {
        // 200 characters each, identical but for the last one, and each percent-encoding to far over the limit.
        var first = new string('€', 199) + "a";
        var second = new string('€', 199) + "b";
        var longPlain = new string('x', 200);

        string[] names = [InvoiceFileName.For(first), InvoiceFileName.For(second), InvoiceFileName.For(longPlain)];

        Assert.All(names, name => Assert.InRange(Encoding.UTF8.GetByteCount(name), 1, InvoiceFileName.MaxBytes));
        Assert.All(names, name => Assert.Contains('~', name));
        Assert.All(names, name => Assert.DoesNotContain('/', name));
        Assert.All(names, name => Assert.DoesNotContain('.', name));
        Assert.Equal(3, names.Distinct(StringComparer.Ordinal).Count());
        Assert.StartsWith("%E2%82%AC", names[0], StringComparison.Ordinal);
    }

    [Fact]
    public void For_NameExactlyAtTheLimit_IsNotCut()
    {
        var customer = new string('x', InvoiceFileName.MaxBytes);

        Assert.Equal(customer, InvoiceFileName.For(customer));
        Assert.Contains('~', InvoiceFileName.For(customer + "x"));
    }

    [Fact]
    public void For_UnpairedSurrogateOrEmpty_Throws()
    {
        Assert.Throws<ArgumentException>(() => InvoiceFileName.For("a\ud800b"));
        Assert.Throws<ArgumentException>(() => InvoiceFileName.For(string.Empty));
    }
}
