using Billing.Records;

namespace Billing.UnitTests.Records;

/// <summary>
/// Customer ids are the path segment of every customer route: the ones no URL path can carry are refused with a
/// reason, in both formats; every other id (spaces inside, '+', '&amp;', '=', non-ASCII) is accepted.
/// </summary>
public sealed class CustomerIdTests
{
    [Theory]
    [InlineData("a/b", "contains '/'")]
    [InlineData("50%", "contains '%'")]
    [InlineData("a%2Fb", "contains '%'")]
    [InlineData("who?", "contains '?'")]
    [InlineData("#1", "contains '#'")]
    [InlineData(".", "is a dot segment")]
    [InlineData("..", "is a dot segment")]
    public void Decode_CustomerNoUrlPathCanCarry_IsInvalidCustomerWithTheReason(string customer, string reason)
    {
        var csv = Codec.Decode(customer, $"1790000000000,{customer},1.00,CALL");
        var json = Codec.Decode(null, $$"""{"customer":"{{customer}}","type":"CALL","amount":"1.00","time":1790000000000}""");

        Assert.All([csv, json], result =>
        {
            Assert.Equal(RejectionReason.InvalidCustomer, result.Rejection!.Reason);
            Assert.StartsWith($"customer '{customer}' {reason}", result.Rejection.Detail, StringComparison.Ordinal);
        });
    }

    [Theory]
    [InlineData("Zoë & Co")]
    [InlineData("a+b=c")]
    [InlineData("=SUM(A1)")]
    [InlineData("...")]
    [InlineData("a.b")]
    [InlineData("名前")]
    public void Decode_OtherCustomer_IsAccepted(string customer)
    {
        var result = Codec.Decode(customer, $"1790000000000,{customer},1.00,CALL");

        Assert.True(result.IsValid, result.ToString());
        Assert.Equal(customer, result.Event.Customer);
    }

    [Fact]
    public void Problem_UsableId_IsNull() => Assert.Null(CustomerIds.Problem("Emma", maxLength: 200));
}
