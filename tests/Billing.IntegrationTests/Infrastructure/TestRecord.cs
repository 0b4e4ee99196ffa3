using Billing.Events;
using Billing.Records;

namespace Billing.IntegrationTests.Infrastructure;

/// <summary>A record to produce to a given partition.</summary>
public sealed record TestRecord(int Partition, byte[]? Key, byte[]? Value)
{
    public static TestRecord Csv(int partition, BillableEvent e) =>
        new(partition, BillableEventCodec.EncodeKey(e.Customer), BillableEventCodec.EncodeCsv(e));

    public static TestRecord Json(int partition, BillableEvent e) =>
        new(partition, BillableEventCodec.EncodeKey(e.Customer), BillableEventCodec.EncodeJson(e, "EUR"));

    public static TestRecord Raw(int partition, string? key, string value) =>
        new(partition, key is null ? null : System.Text.Encoding.UTF8.GetBytes(key), System.Text.Encoding.UTF8.GetBytes(value));
}
