using System.Globalization;
using System.Security.Cryptography;

namespace PolicyArchiver.Bench.Fixtures;

/// <summary>
/// Fresh noise on every request, the same placeholders as the program's demo site
/// (src/PolicyArchiver/Demo/Noise.cs): an unchanged document must not become a new version.
/// </summary>
public static class NoiseFiller
{
    private static readonly string[] Ads =
    [
        "Кэшбэк 10% на всё до конца месяца!", "Рассрочка 0-0-24 на смартфоны", "Жаңа тариф: шексіз интернет",
        "Скидка 30% на авиабилеты", "Депозит 16% годовых",
    ];

    public static string Fill(string page) => page
        .Replace("{{csrf}}", Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), StringComparison.Ordinal)
        .Replace("{{now}}", DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{{ad}}", Ads[Random.Shared.Next(Ads.Length)], StringComparison.Ordinal)
        .Replace("{{visitors}}", Random.Shared.Next(100, 100_000).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
}
