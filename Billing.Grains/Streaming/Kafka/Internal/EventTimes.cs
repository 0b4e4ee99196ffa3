namespace Billing.Grains.Streaming.Kafka.Internal;

internal static class EventTimes
{
    /// <summary>The later of two optional instants; an unknown one never wins.</summary>
    public static DateTimeOffset? Later(DateTimeOffset? first, DateTimeOffset? second) =>
        first is null ? second
        : second is null ? first
        : first >= second ? first : second;
}
