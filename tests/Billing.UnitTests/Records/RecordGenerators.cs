using Billing.Events;
using FsCheck;
using FsCheck.Fluent;

namespace Billing.UnitTests.Records;

/// <summary>FsCheck generators for valid events and for raw record bytes.</summary>
internal static class RecordGenerators
{
    // 1970-01-01 to 2199-12-31: every day the default options accept.
    private const int DaysInRange = 84_006;
    private const int MillisPerDay = 86_400_000;

    // Letters, digits, punctuation that JSON must escape, and non-ASCII (including a surrogate pair); no ',',
    // controls or characters no URL path can carry (CustomerIds).
    private static readonly string[] CustomerPieces =
        [.. "abcxyzABCXYZ0189-_.'\"\\{}[]:é ü東京".Select(c => c.ToString()), "😀", "ß"];

    private static readonly string[] IdPieces = [.. "abcdef0123456789-\"\\/ é".Select(c => c.ToString()), "😀", "\t"];

    public static Gen<string> Customer { get; } =
        from length in Gen.Choose(1, 100)
        from pieces in Gen.ArrayOf(Gen.Elements(CustomerPieces), length)
        let customer = string.Concat(pieces)
        where customer.Trim() == customer && customer is not ("." or "..")
        select customer;

    public static Gen<decimal> Amount { get; } =
        Gen.Choose(1, 100_000_000).Select(cents => new decimal(cents, 0, 0, false, 2));

    public static Gen<DateTimeOffset> Time { get; } =
        from day in Gen.Choose(0, DaysInRange - 1)
        from millis in Gen.Choose(0, MillisPerDay - 1)
        select DateTimeOffset.FromUnixTimeMilliseconds(((long)day * MillisPerDay) + millis);

    public static Gen<string?> Id { get; } =
        Gen.Elements(IdPieces).NonEmptyListOf().Select(pieces => (string?)string.Concat(pieces)).OrNull();

    public static Gen<BillableEvent> Event { get; } =
        from customer in Customer
        from type in Gen.Elements(EventTypes.All.ToArray())
        from amount in Amount
        from time in Time
        from id in Id
        select new BillableEvent(customer, type, amount, time, id);

    public static Gen<byte[]?> Bytes { get; } = ArbMap.Default.GeneratorFor<byte[]>().Select(bytes => (byte[]?)bytes).OrNull();

    private static Gen<(int Kind, int Position, int Value)> Edit { get; } =
        from kind in Gen.Choose(0, 2)
        from position in Gen.Choose(0, 10_000)
        from value in Gen.Choose(0, 255)
        select (kind, position, value);

    /// <summary>A valid record (either format) with a few random byte edits: flips, insertions and deletions.</summary>
    public static Gen<byte[]> MutatedRecord { get; } =
        from e in Event
        from json in Gen.Elements(true, false)
        let record = json ? Billing.Records.BillableEventCodec.EncodeJson(e, "EUR") : Billing.Records.BillableEventCodec.EncodeCsv(e)
        from edits in Gen.ListOf(Edit, 3)
        select Mutate(record, edits);

    private static byte[] Mutate(byte[] record, IEnumerable<(int Kind, int Position, int Value)> edits)
    {
        var bytes = record.ToList();
        foreach (var (kind, position, value) in edits)
        {
            var at = position % (bytes.Count + 1);
            if (kind == 0 && at < bytes.Count)
            {
                bytes[at] = (byte)value;
            }
            else if (kind == 1)
            {
                bytes.Insert(at, (byte)value);
            }
            else if (at < bytes.Count)
            {
                bytes.RemoveAt(at);
            }
        }

        return [.. bytes];
    }
}
