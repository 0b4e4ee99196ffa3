using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace Billing.Grains.Deduplication;

/// <summary>
/// The identity of an event that carries a producer's id: a 128-bit hash of its customer and its id, 16 bytes
/// however long the id is. With a million ids kept for one customer, two different ids share a key with a
/// chance of about 10^-27 (64 bits would give about 10^-8, and the price of a collision is an event not billed).
/// </summary>
public static class EventKey
{
    /// <summary>The bytes a key takes in a stored page.</summary>
    public const int Size = 16;

    private const int StackLimit = 512;

    /// <summary>The key of <paramref name="id"/> for <paramref name="customer"/>.</summary>
    public static UInt128 Of(string customer, string id)
    {
        ArgumentNullException.ThrowIfNull(customer);
        ArgumentNullException.ThrowIfNull(id);
        // The customer's length goes first, so that ("ab", "c") and ("a", "bc") hash apart.
        var customerLength = Encoding.UTF8.GetByteCount(customer);
        var length = sizeof(int) + customerLength + Encoding.UTF8.GetByteCount(id);
        byte[]? rented = null;
        var buffer = length <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            BinaryPrimitives.WriteInt32LittleEndian(buffer, customerLength);
            Encoding.UTF8.GetBytes(customer, buffer[sizeof(int)..]);
            Encoding.UTF8.GetBytes(id, buffer[(sizeof(int) + customerLength)..]);
            return XxHash128.HashToUInt128(buffer[..length]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>The keys in <paramref name="keys"/>, 16 bytes each, as <see cref="ToBytes"/> wrote them.</summary>
    public static IEnumerable<UInt128> FromBytes(byte[] keys)
    {
        for (var start = 0; start + Size <= keys.Length; start += Size)
        {
            yield return BinaryPrimitives.ReadUInt128LittleEndian(keys.AsSpan(start, Size));
        }
    }

    /// <summary><paramref name="keys"/> as 16 bytes each, in order.</summary>
    public static byte[] ToBytes(IReadOnlyList<UInt128> keys)
    {
        var bytes = new byte[keys.Count * Size];
        for (var index = 0; index < keys.Count; index++)
        {
            BinaryPrimitives.WriteUInt128LittleEndian(bytes.AsSpan(index * Size, Size), keys[index]);
        }

        return bytes;
    }
}
