using Billing.Money;

namespace Billing.UnitTests.Money;

public class MoneyTextTests
{
    [Theory]
    [InlineData("100", 2, "100.00")]
    [InlineData("3.5", 2, "3.50")]
    [InlineData("0.01", 2, "0.01")]
    [InlineData("1234567.89", 2, "1234567.89")]
    [InlineData("7", 0, "7")]
    [InlineData("0.125", 3, "0.125")]
    public void Format_Amount_GivesExactInvariantText(string amount, int minorDigits, string expected)
    {
        var value = decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(expected, MoneyText.Format(value, minorDigits));
    }

    [Fact]
    public void Format_AmountNeedingRounding_Throws()
    {
        Assert.Throws<ArgumentException>(() => MoneyText.Format(3.571m, 2));
    }

    [Theory]
    [InlineData("3.57", 2, "3.57")]
    [InlineData("3.5", 2, "3.50")]
    [InlineData("3", 2, "3.00")]
    [InlineData("3", 0, "3")]
    [InlineData("0001.10", 2, "1.10")]
    [InlineData("99999999999999999999.99", 2, "99999999999999999999.99")]
    public void TryParse_PlainDecimal_GivesAmountAtCurrencyScale(string text, int minorDigits, string expected)
    {
        Assert.Equal(MoneyTextError.None, MoneyText.TryParse(text, minorDigits, out var amount));
        Assert.Equal(expected, amount.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("", MoneyTextError.Empty)]
    [InlineData("1e3", MoneyTextError.NotPlainDecimal)]
    [InlineData("+1", MoneyTextError.NotPlainDecimal)]
    [InlineData("1,000", MoneyTextError.NotPlainDecimal)]
    [InlineData(" 1", MoneyTextError.NotPlainDecimal)]
    [InlineData("1.", MoneyTextError.NotPlainDecimal)]
    [InlineData(".1", MoneyTextError.NotPlainDecimal)]
    [InlineData("١", MoneyTextError.NotPlainDecimal)]
    [InlineData("1.234", MoneyTextError.TooManyMinorDigits)]
    [InlineData("-1", MoneyTextError.NotPositive)]
    [InlineData("-0", MoneyTextError.NotPositive)]
    [InlineData("0.00", MoneyTextError.NotPositive)]
    [InlineData("12345678901234567890123456789", MoneyTextError.TooLarge)]
    public void TryParse_BadText_GivesError(string text, MoneyTextError expected)
    {
        Assert.Equal(expected, MoneyText.TryParse(text, 2, out var amount));
        Assert.Equal(0m, amount);
    }

    [Fact]
    public void TryParse_Utf8Text_MatchesCharText()
    {
        Assert.Equal(MoneyTextError.None, MoneyText.TryParse("12.34"u8, 2, out var amount));
        Assert.Equal(12.34m, amount);
    }
}
