using System.Text;
using Billing.Records;

namespace Billing.UnitTests.Records;

public class CodecOptionsTests
{
    [Theory]
    [InlineData("eur", 2, "Currency")]
    [InlineData("EURO", 2, "Currency")]
    [InlineData("EUR", -1, "MinorDigits")]
    [InlineData("EUR", 9, "MinorDigits")]
    public void Constructor_BadOption_ThrowsNamingIt(string currency, int minorDigits, string option)
    {
        var options = new RecordCodecOptions { Currency = currency, MinorDigits = minorDigits };

        var error = Assert.Throws<ArgumentException>(() => new BillableEventCodec(options));

        Assert.Equal(option, error.ParamName);
    }

    [Fact]
    public void Constructor_EmptyTimeRange_ThrowsNamingEarliestTime()
    {
        var options = new RecordCodecOptions { EarliestTime = DateTimeOffset.UnixEpoch, LatestTime = DateTimeOffset.UnixEpoch };

        Assert.Equal("EarliestTime", Assert.Throws<ArgumentException>(() => new BillableEventCodec(options)).ParamName);
    }

    [Theory]
    [InlineData("""{"customer":"Kenji","type":"CALL","amount":"300","currency":"JPY","time":0}""", null)]
    [InlineData("""{"customer":"Kenji","type":"CALL","amount":"300.5","currency":"JPY","time":0}""", RejectionReason.TooManyMinorDigits)]
    [InlineData("""{"customer":"Kenji","type":"CALL","amount":"300","currency":"EUR","time":0}""", RejectionReason.WrongCurrency)]
    [InlineData("""{"customer":"Kenji","type":"CALL","amount":"501","time":0}""", RejectionReason.AmountTooLarge)]
    [InlineData("""{"customer":"Kenjiro","type":"CALL","amount":"5","time":0}""", RejectionReason.InvalidCustomer)]
    [InlineData("""{"customer":"Kenji","type":"CALL","amount":"5","time":"2000-01-01T00:00:00Z"}""", null)]
    [InlineData("""{"customer":"Kenji","type":"CALL","amount":"5","time":"2000-01-01T00:00:00.001Z"}""", RejectionReason.TimeOutOfRange)]
    public void Decode_CustomOptions_AppliesThem(string value, RejectionReason? expected)
    {
        var codec = new BillableEventCodec(new RecordCodecOptions
        {
            Currency = "JPY",
            MinorDigits = 0,
            MaxAmount = 500m,
            MaxCustomerLength = 5,
            LatestTime = new DateTimeOffset(2000, 1, 1, 0, 0, 0, 1, TimeSpan.Zero),
        });

        var result = codec.Decode(null, Encoding.UTF8.GetBytes(value));

        Assert.Equal(expected, result.Rejection?.Reason);
    }

    [Fact]
    public void Decode_OptionsChangedAfterConstruction_KeepsOriginalOptions()
    {
        var options = new RecordCodecOptions();
        var codec = new BillableEventCodec(options);
        options.Currency = "USD";

        var result = codec.Decode(null, """{"customer":"Emma","type":"CALL","amount":"1","currency":"EUR","time":0}"""u8.ToArray());

        Assert.True(result.IsValid, result.ToString());
    }
}
