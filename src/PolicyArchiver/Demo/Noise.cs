using System.Globalization;
using System.Security.Cryptography;

namespace PolicyArchiver.Demo;

/// <summary>
/// Fills the noise placeholders of a fixture page with fresh values on every request, as real
/// sites do with CSRF tokens, timestamps, rotating ads and visitor counters.
/// </summary>
internal static class Noise
{
    private static readonly string[] Ads =
    [
        "Кэшбэк 10% на всё до конца месяца!", "Рассрочка 0-0-24 на смартфоны", "Новый тариф: безлимитный интернет",
        "Скидка 30% на авиабилеты", "Депозит 16% годовых", "Get 5 GB free this week",
    ];

    /// <param name="now">The time the page shows, as a site's "generated at" stamp does.</param>
    public static string Fill(string page, DateTimeOffset now) => page
        .Replace("{{csrf}}", Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), StringComparison.Ordinal)
        .Replace("{{now}}", now.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{{ad}}", Ads[Random.Shared.Next(Ads.Length)], StringComparison.Ordinal)
        .Replace("{{visitors}}", Random.Shared.Next(100, 100_000).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
}
