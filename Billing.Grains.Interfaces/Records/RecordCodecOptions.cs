namespace Billing.Records;

/// <summary>What <see cref="BillableEventCodec"/> accepts. Defaults suit one EUR deployment.</summary>
public sealed class RecordCodecOptions
{
    /// <summary>The billing currency, an upper-case ISO 4217 code. Default <c>EUR</c>.</summary>
    public string Currency { get; set; } = "EUR";

    /// <summary>The currency's minor digits: the most decimals an amount may have. Default 2.</summary>
    public int MinorDigits { get; set; } = 2;

    /// <summary>The largest accepted amount, inclusive. Default 1,000,000.00.</summary>
    public decimal MaxAmount { get; set; } = 1_000_000.00m;

    /// <summary>
    /// The earliest accepted event time, inclusive. Default the Unix epoch: the prototype's generator started
    /// at epoch 0, so that instant itself is valid.
    /// </summary>
    public DateTimeOffset EarliestTime { get; set; } = DateTimeOffset.UnixEpoch;

    /// <summary>The first event time no longer accepted (exclusive bound). Default 2200-01-01T00:00:00Z.</summary>
    public DateTimeOffset LatestTime { get; set; } = new(2200, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The longest accepted customer id, in UTF-16 code units. Default 200.</summary>
    public int MaxCustomerLength { get; set; } = 200;
}
