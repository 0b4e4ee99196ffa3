namespace Billing.UnitTests.Records;

/// <summary>
/// The codec runs for every record at well over 100,000 records/s, so a valid record should cost only its event
/// and customer string. Counts bytes, not time, so the result does not depend on the machine.
/// </summary>
public class CodecAllocationTests
{
    private const int Records = 1000;

    // BillableEvent (about 64 bytes) plus a short customer string (about 30 bytes), with some slack.
    private const long MaxBytesPerRecord = 128;

    [Theory]
    [InlineData("123456789,Emma,3.57,CALL")]
    [InlineData("""{"id":null,"customer":"Emma","type":"CALL","amount":"3.57","currency":"EUR","time":"2026-11-03T10:00:00Z","x":[1]}""")]
    public void Decode_ValidRecord_AllocatesOnlyTheEvent(string record)
    {
        var key = "Emma"u8.ToArray();
        var value = System.Text.Encoding.UTF8.GetBytes(record);
        Assert.True(Codec.Default.Decode(key, value).IsValid);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Records; i++)
        {
            Codec.Default.Decode(key, value);
        }

        var perRecord = (GC.GetAllocatedBytesForCurrentThread() - before) / Records;
        Assert.InRange(perRecord, 1, MaxBytesPerRecord);
    }
}
