namespace Billing.Grains.Streaming.Kafka;

/// <summary>
/// Maps an externally produced Kafka record to the Orleans streams it feeds, or rejects it.
/// </summary>
/// <remarks>
/// Register one implementation per provider name as a keyed singleton (the key is the provider name), or a
/// default singleton. It runs on the pulling agent for every record, so it must be fast, must not block, and
/// must not throw: an exception is treated as a rejection with the code <c>mapper-failed</c>.
/// </remarks>
public interface IKafkaRecordMapper
{
    /// <summary>Decides where <paramref name="record"/> goes.</summary>
    KafkaRecordMapping Map(KafkaRecord record);
}
