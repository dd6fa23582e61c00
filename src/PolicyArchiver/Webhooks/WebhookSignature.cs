using System.Security.Cryptography;
using System.Text;

namespace PolicyArchiver.Webhooks;

/// <summary>
/// <c>X-PolicyArchiver-Signature: sha256=&lt;hex&gt;</c>, the HMAC-SHA256 of the exact body bytes
/// with the subscription's secret, as GitHub signs its webhooks: the receiver knows the delivery
/// came from this archive and was not altered on the way.
/// </summary>
internal static class WebhookSignature
{
    public const string Header = "X-PolicyArchiver-Signature";

    public static string Of(byte[] body, string secret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
}
