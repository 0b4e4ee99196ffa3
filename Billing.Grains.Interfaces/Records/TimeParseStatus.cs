namespace Billing.Records;

/// <summary>The outcome of reading an event time, before the configured range is applied.</summary>
internal enum TimeParseStatus
{
    /// <summary>A valid instant.</summary>
    Ok,

    /// <summary>Not a time at all.</summary>
    Invalid,

    /// <summary>Well-formed, but beyond what <see cref="DateTimeOffset"/> can represent.</summary>
    OutOfRange,
}
