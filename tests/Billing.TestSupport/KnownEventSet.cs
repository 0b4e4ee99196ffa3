using System.Text;
using Billing.Events;
using Billing.Records;
using Billing.Usage;

namespace Billing.TestSupport;

/// <summary>
/// A fixed set of events over three months and nine customers, sent as it might arrive: both formats, one
/// customer over several partitions, disordered within the 12-hour bound, with malformed records among them.
/// It also knows the exact totals every route must answer.
/// </summary>
public sealed class KnownEventSet
{
    public static readonly string[] Customers = ["Emma", "Olivia", "Sophia", "Ava", "Isa", "Noah", "William", "Liam", "Jacob"];

    public const int DefaultPartitions = 8;

    public static readonly BillingMonth[] Months = [new(2026, 9), new(2026, 10), new(2026, 11)];

    private KnownEventSet(List<BillableEvent> events, List<(int Partition, byte[]? Key, byte[] Value)> records, int malformed)
    {
        Events = events;
        Records = records;
        Malformed = malformed;
    }

    public IReadOnlyList<BillableEvent> Events { get; }

    public IReadOnlyList<(int Partition, byte[]? Key, byte[] Value)> Records { get; }

    public int Malformed { get; }

    public static KnownEventSet Create(int eventsPerCustomerMonth, int partitions, int seed)
    {
        var random = new Random(seed);
        var events = new List<BillableEvent>();
        foreach (var month in Months)
        {
            var seconds = (int)(month.End - month.Start).TotalSeconds;
            foreach (var customer in Customers)
            {
                for (var i = 0; i < eventsPerCustomerMonth; i++)
                {
                    events.Add(new BillableEvent(
                        customer,
                        EventTypes.All[random.Next(EventTypes.All.Count)],
                        random.Next(1, 100_000) / 100m,
                        month.Start.AddSeconds(random.Next(seconds)),
                        $"k-{events.Count}"));
                }
            }
        }

        // Time order, then disorder within the bound: each event moves by up to 12 hours of event time.
        var sent = events
            .Select(e => (Event: e, SendAt: e.Time.AddMinutes(random.Next(-720, 720))))
            .OrderBy(x => x.SendAt)
            .Select(x => x.Event)
            .ToList();

        var records = new List<(int, byte[]?, byte[])>();
        var malformed = 0;
        for (var i = 0; i < sent.Count; i++)
        {
            var e = sent[i];
            var partition = random.Next(partitions);
            var value = i % 2 == 0 ? BillableEventCodec.EncodeCsv(e) : BillableEventCodec.EncodeJson(e, "EUR");
            records.Add((partition, BillableEventCodec.EncodeKey(e.Customer), value));
            if (i % 97 == 0)
            {
                records.Add((partition, BillableEventCodec.EncodeKey(e.Customer), Malformations[malformed % Malformations.Length](e)));
                malformed++;
            }
        }

        return new KnownEventSet(events, records, malformed);
    }

    private static readonly Func<BillableEvent, byte[]>[] Malformations =
    [
        e => Encoding.UTF8.GetBytes($"{e.Time.ToUnixTimeMilliseconds()},{e.Customer},1.00,TEXT"),
        e => Encoding.UTF8.GetBytes($"{e.Time.ToUnixTimeMilliseconds()},{e.Customer},1.001,CALL"),
        e => Encoding.UTF8.GetBytes($"{e.Time.ToUnixTimeMilliseconds()},{e.Customer},0.00,CALL"),
        e => Encoding.UTF8.GetBytes($"{e.Time.ToUnixTimeMilliseconds()},Somebody Else,1.00,CALL"),
        e => Encoding.UTF8.GetBytes($$"""{"customer":"{{e.Customer}}","type":"CALL","amount":"1.00","currency":"USD","time":"2026-10-01T00:00:00Z"}"""),
        _ => [0x7B, 0xFF, 0xFE],
        e => Encoding.UTF8.GetBytes($"yesterday,{e.Customer},1.00,CALL"),
    ];

    public decimal CustomerTotal(string customer, BillingMonth month) =>
        Events.Where(e => e.Customer == customer && BillingMonth.Of(e.Time) == month).Sum(e => e.Amount);

    public int CustomerCount(string customer, BillingMonth month) =>
        Events.Count(e => e.Customer == customer && BillingMonth.Of(e.Time) == month);

    public (int Count, decimal Total) CustomerTypeTotal(string customer, BillingMonth month, EventType type)
    {
        var matching = Events.Where(e => e.Customer == customer && BillingMonth.Of(e.Time) == month && e.Type == type).ToList();
        return (matching.Count, matching.Sum(e => e.Amount));
    }

    public (int Count, decimal Total) TypeTotal(EventType type, BillingMonth month)
    {
        var matching = Events.Where(e => e.Type == type && BillingMonth.Of(e.Time) == month).ToList();
        return (matching.Count, matching.Sum(e => e.Amount));
    }
}
