using System.Globalization;
using System.Text;
using Billing.Events;
using Billing.Records;

namespace Billing.TestSupport;

/// <summary>Single records in the prototype's CSV format, keyed by customer, for tests that name each event.</summary>
public static class CsvRecords
{
    /// <summary>One valid event at <paramref name="time"/> (ISO 8601), on <paramref name="partition"/>.</summary>
    public static (int Partition, byte[]? Key, byte[] Value) Event(string customer, EventType type, decimal amount, string time, int partition = 0) =>
        (partition, BillableEventCodec.EncodeKey(customer), BillableEventCodec.EncodeCsv(
            new BillableEvent(customer, type, amount, DateTimeOffset.Parse(time, CultureInfo.InvariantCulture), null)));

    /// <summary>One valid event with a producer's id, as a JSON record (CSV has no id), on <paramref name="partition"/>.</summary>
    public static (int Partition, byte[]? Key, byte[] Value) Identified(
        string id, string customer, EventType type, decimal amount, string time, int partition = 0) =>
        (partition, BillableEventCodec.EncodeKey(customer), BillableEventCodec.EncodeJson(
            new BillableEvent(customer, type, amount, DateTimeOffset.Parse(time, CultureInfo.InvariantCulture), id), "EUR"));

    /// <summary>A record keyed by <paramref name="customer"/> whose value is <paramref name="value"/> as written.</summary>
    public static (int Partition, byte[]? Key, byte[] Value) Raw(string customer, string value, int partition = 0) =>
        (partition, BillableEventCodec.EncodeKey(customer), Encoding.UTF8.GetBytes(value));
}
