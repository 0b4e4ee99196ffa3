namespace Billing.Generator;

/// <summary>The record value format the generator writes; both are read by the billing record codec.</summary>
public enum GeneratorFormat
{
    /// <summary>The prototype's CSV: <c>timestampMs,customer,amount,TYPE</c> (no event id).</summary>
    Csv = 0,

    /// <summary>JSON with the event id, the amount as a string and the currency.</summary>
    Json = 1,
}
