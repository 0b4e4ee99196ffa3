namespace Billing.Money;

/// <summary>Why <see cref="MoneyText"/> refused a piece of money text.</summary>
public enum MoneyTextError
{
    /// <summary>The text is a valid amount.</summary>
    None = 0,

    /// <summary>The text is empty.</summary>
    Empty = 1,

    /// <summary>
    /// The text is not a plain decimal: only digits, at most one '.', and an optional leading '-', with digits on
    /// both sides of the point. No '+', exponent, spaces or thousands separators.
    /// </summary>
    NotPlainDecimal = 2,

    /// <summary>The text has more digits after the point than the currency's minor digits.</summary>
    TooManyMinorDigits = 3,

    /// <summary>The amount is zero or negative.</summary>
    NotPositive = 4,

    /// <summary>The amount has more significant digits than a <see cref="decimal"/> can hold.</summary>
    TooLarge = 5,
}
