namespace Billing.Records;

/// <summary>Which spellings of an event time a field may use.</summary>
internal enum TimeText
{
    /// <summary>Only epoch milliseconds: a CSV field or a JSON number.</summary>
    EpochMillis,

    /// <summary>Epoch milliseconds or an ISO-8601 instant: a JSON string.</summary>
    EpochMillisOrIso,
}
