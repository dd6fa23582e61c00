namespace PolicyArchiver.Webhooks;

/// <summary>
/// A team that follows changes without a feed reader: every new change (of one company, or touching
/// one topic, when asked) is POSTed to <see cref="Url"/> as JSON signed with <see cref="Secret"/>.
/// </summary>
internal sealed record WebhookSubscription(Uri Url, string Secret, string? Company = null, string? Topic = null)
{
    public bool Wants(string document, IReadOnlyList<string> topics) =>
        (Company is null || document.StartsWith(Company + "/", StringComparison.Ordinal))
        && (Topic is null || topics.Contains(Topic, StringComparer.Ordinal));
}
