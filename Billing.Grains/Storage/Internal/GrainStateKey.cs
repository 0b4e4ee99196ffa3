using System.Globalization;

namespace Billing.Grains.Storage.Internal;

/// <summary>
/// Where one grain's state lives: the state name and the grain's key, as text. The state name tells grain
/// classes apart, so every state of the billing storage has a name no other grain class uses.
/// </summary>
internal readonly record struct GrainStateKey(string StateName, string GrainKey)
{
    /// <summary>Integer keys as their decimal digits, string keys as they are.</summary>
    public static GrainStateKey Of(string stateName, GrainId grainId) =>
        new(stateName, grainId.TryGetIntegerKey(out var number, out var extension)
            ? extension is null ? number.ToString(CultureInfo.InvariantCulture) : $"{number.ToString(CultureInfo.InvariantCulture)}+{extension}"
            : grainId.Key.ToString()!);

    public override string ToString() => $"{StateName}/{GrainKey}";
}
