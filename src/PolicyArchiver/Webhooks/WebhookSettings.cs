using System.Globalization;
using System.Numerics;
using Microsoft.Extensions.Configuration;

namespace PolicyArchiver.Webhooks;

/// <summary>
/// The webhooks of an archive, from configuration (appsettings.json, environment variables):
/// subscriptions under <c>PolicyArchiver:Webhooks:{n}</c> (<c>Url</c>, <c>Secret</c>, optional
/// <c>Company</c> and <c>Topic</c>), how deliveries are retried under <c>PolicyArchiver:WebhookDelivery</c>.
/// </summary>
internal sealed class WebhookSettings
{
    public const string Section = "PolicyArchiver:Webhooks";
    public const string DeliverySection = "PolicyArchiver:WebhookDelivery";

    public IReadOnlyList<WebhookSubscription> Subscriptions { get; init; } = [];

    /// <summary>Attempts after the first, on a network error, a timeout or a 408, 429 or 5xx answer. Default 5.</summary>
    public int Retries { get; init; } = 5;

    /// <summary>The first wait before a retry; each next one doubles, with jitter (2, 4, 8, 16, 32 s by default).</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long one attempt may take. Default 10 s.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Reads and checks the configuration; every problem is named with its key.</summary>
    public static WebhookSettings Read(IConfiguration configuration)
    {
        var problems = new List<string>();
        var subscriptions = new List<WebhookSubscription>();
        foreach (var entry in configuration.GetSection(Section).GetChildren().OrderBy(c => int.TryParse(c.Key, out var n) ? n : int.MaxValue))
        {
            var key = $"{Section}:{entry.Key}";
            var url = entry["Url"];
            var secret = entry["Secret"];
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                problems.Add($"{key}:Url: \"{url}\" is not an absolute http(s) URL");
            if (string.IsNullOrEmpty(secret)) problems.Add($"{key}:Secret: missing (the receiver checks each delivery's signature with it)");
            if (uri is not null && !string.IsNullOrEmpty(secret))
                subscriptions.Add(new WebhookSubscription(uri, secret, NullIfEmpty(entry["Company"]), NullIfEmpty(entry["Topic"])));
        }
        var delivery = configuration.GetSection(DeliverySection);
        var settings = new WebhookSettings
        {
            Subscriptions = subscriptions,
            Retries = Number(delivery, "Retries", 5, 0, 20, problems),
            RetryDelay = TimeSpan.FromSeconds(Number(delivery, "RetryDelaySeconds", 2.0, 0, 3600, problems)),
            Timeout = TimeSpan.FromSeconds(Number(delivery, "TimeoutSeconds", 10.0, 0.1, 300, problems)),
        };
        return problems.Count == 0 ? settings : throw new WebhookConfigurationException(string.Join("; ", problems));
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static T Number<T>(IConfigurationSection section, string name, T fallback, T min, T max, List<string> problems) where T : struct, INumber<T>
    {
        if (section[name] is not { } value) return fallback;
        if (T.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max) return n;
        problems.Add($"{section.Path}:{name}: \"{value}\" is not a number from {min} to {max}");
        return fallback;
    }
}

/// <summary>The webhook configuration cannot be used as written.</summary>
internal sealed class WebhookConfigurationException(string message) : Exception(message);
