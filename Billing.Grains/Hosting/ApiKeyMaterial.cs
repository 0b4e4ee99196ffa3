using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Billing.Grains.Hosting;

/// <summary>
/// How API keys are made and hashed: one definition for the web app, which checks keys, and the silo's
/// <c>apikey</c> command, which prints new ones with the hash to configure.
/// </summary>
public static class ApiKeyMaterial
{
    /// <summary>A new key: 32 random bytes, URL-safe base64, prefixed so it is recognizable in a secret scanner.</summary>
    public static string NewKey() => "qb_" + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>What configuration holds for <paramref name="key"/>: lowercase hex SHA-256 of its UTF-8 bytes.</summary>
    public static string HashOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }
}
