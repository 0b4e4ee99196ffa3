using Billing.Events;
using Billing.Records;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Billing.UnitTests.Records;

public class CodecPropertyTests
{
    [Property(MaxTest = 2000)]
    public Property Decode_ArbitraryBytes_ReturnsResultWithoutThrowing() =>
        Prop.ForAll(
            Arb.From(Gen.Two(RecordGenerators.Bytes)),
            ((byte[]? Key, byte[]? Value) record) => IsWellFormed(Codec.Default.Decode(record.Key, record.Value)));

    [Property(MaxTest = 2000)]
    public Property Decode_ArbitraryBytesAfterBrace_ReturnsResultWithoutThrowing() =>
        Prop.ForAll(
            Arb.From(RecordGenerators.Bytes),
            (byte[]? tail) => IsWellFormed(Codec.Default.Decode(null, [(byte)'{', .. tail ?? []])));

    [Property(MaxTest = 2000)]
    public Property Decode_MutatedValidRecord_ReturnsResultWithoutThrowing() =>
        Prop.ForAll(
            Arb.From(RecordGenerators.MutatedRecord),
            (byte[] value) => IsWellFormed(Codec.Default.Decode("Emma"u8.ToArray(), value)));

    [Property(MaxTest = 1000)]
    public Property EncodeCsv_ValidEvent_DecodesToSameEventWithoutId() =>
        Prop.ForAll(
            Arb.From(RecordGenerators.Event.Where(e => !e.Customer.Contains(',', StringComparison.Ordinal))),
            (BillableEvent e) =>
            {
                var result = Codec.Default.Decode(BillableEventCodec.EncodeKey(e.Customer), BillableEventCodec.EncodeCsv(e));
                return result.IsValid && result.Event == e with { Id = null } && result.Event.Time.Offset == TimeSpan.Zero;
            });

    [Property(MaxTest = 1000)]
    public Property EncodeJson_ValidEvent_DecodesToSameEvent() =>
        Prop.ForAll(
            Arb.From(RecordGenerators.Event),
            (BillableEvent e) =>
            {
                var result = Codec.Default.Decode(BillableEventCodec.EncodeKey(e.Customer), BillableEventCodec.EncodeJson(e, "EUR"));
                return result.IsValid && result.Event == e && result.Event.Time.Offset == TimeSpan.Zero;
            });

    private static bool IsWellFormed(DecodeResult result) =>
        result.IsValid
            ? result.Rejection is null
            : result.Rejection.Code != "unknown" && result.Rejection.Detail.Length is > 0 and < 200;
}
