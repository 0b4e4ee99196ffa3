using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Billing.Events;

/// <summary>Wire names of <see cref="EventType"/>: the upper-case names used in records, stream keys and URLs.</summary>
public static class EventTypes
{
    private static readonly FrozenDictionary<string, EventType> ByWireName =
        Enum.GetValues<EventType>().ToFrozenDictionary(WireName, StringComparer.Ordinal);

    // The same names as UTF-8, so records can be matched without allocating a string per record.
    private static readonly (byte[] Name, EventType Type)[] Utf8WireNames =
        Enum.GetValues<EventType>().Select(t => (Encoding.UTF8.GetBytes(WireName(t)), t)).ToArray();

    /// <summary>Every event type, in declaration order.</summary>
    public static IReadOnlyList<EventType> All { get; } = Enum.GetValues<EventType>();

    /// <summary>The wire names joined for error messages: <c>MESSAGE, DATA, CALL, PACK, MISC</c>.</summary>
    public static string AllWireNames { get; } = string.Join(", ", All.Select(WireName));

    /// <summary>The upper-case wire name of <paramref name="type"/>.</summary>
    public static string WireName(this EventType type) => type switch
    {
        EventType.Message => "MESSAGE",
        EventType.Data => "DATA",
        EventType.Call => "CALL",
        EventType.Pack => "PACK",
        EventType.Misc => "MISC",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Not an event type."),
    };

    /// <summary>Parses an exact (case-sensitive) wire name, as records must carry it.</summary>
    public static bool TryParseWireName(string name, out EventType type) => ByWireName.TryGetValue(name, out type);

    /// <summary>Parses an exact (case-sensitive) wire name given as UTF-8 bytes, as records carry it.</summary>
    public static bool TryParseWireName(ReadOnlySpan<byte> utf8Name, out EventType type)
    {
        foreach (var (name, candidate) in Utf8WireNames)
        {
            if (utf8Name.SequenceEqual(name))
            {
                type = candidate;
                return true;
            }
        }

        type = default;
        return false;
    }

    /// <summary>Parses a wire name ignoring case, as URLs may carry it.</summary>
    public static bool TryParseIgnoringCase(string? name, [NotNullWhen(true)] out EventType? type)
    {
        type = null;
        if (name is null)
        {
            return false;
        }

        if (ByWireName.TryGetValue(name.ToUpperInvariant(), out var parsed))
        {
            type = parsed;
            return true;
        }

        return false;
    }
}
