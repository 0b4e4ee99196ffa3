using System.Buffers;

namespace Billing.Records;

/// <summary>The characters <see cref="char.IsControl(char)"/> accepts (C0, DEL and C1), as a vectorized search set.</summary>
internal static class ControlCharacters
{
    public static SearchValues<char> All { get; } = SearchValues.Create(
        Enumerable.Range(0, 0xA0).Select(c => (char)c).Where(char.IsControl).ToArray());
}
