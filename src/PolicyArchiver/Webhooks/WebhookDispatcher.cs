using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PolicyArchiver.Cli;
using PolicyArchiver.Cli.Commands;
using PolicyArchiver.Insight;
using PolicyArchiver.Insight.Topics;
using PolicyArchiver.Storage;
using PolicyArchiver.Web;
using PolicyArchiver.Web.Feeds;
using PolicyArchiver.Contracts;

namespace PolicyArchiver.Webhooks;

/// <summary>
/// After a capture round, POSTs each new change (not technical) once to every subscription that
/// wants it, and records each delivery in the <see cref="DeliveryLog"/>: a change already delivered
/// to a subscription is never posted to it again, after a restart included. A delivery that failed
/// after every retry is tried again after the next round.
/// </summary>
internal sealed class WebhookDispatcher(ArchiveReader reader, TopicLexicon lexicon, WebhookSettings settings, DeliveryLog log, WebhookSender sender,
    Uri? site, TimeProvider time, Action<string> report)
{
    /// <summary>The payload is one line of JSON, in the field names and formats of <c>changes --json</c>.</summary>
    private static readonly JsonSerializerOptions Compact = new(Json.Options) { WriteIndented = false };

    /// <summary>Delivers the changes that <paramref name="round"/>'s new versions made, and any that failed before. Returns the deliveries made.</summary>
    public async Task<int> DeliverRoundAsync(IReadOnlyList<Observation> round, CancellationToken ct)
    {
        if (settings.Subscriptions.Count == 0) return 0;
        var records = log.Read();
        var delivered = records.Where(r => r.Outcome == DeliveryLog.Delivered).Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
        var changes = new List<NumberedChange>();
        foreach (var document in round.Where(o => o.NewVersion && o.Version is not null).GroupBy(o => o.Document))
        {
            var versions = document.Select(o => o.Version!.Value).ToHashSet();
            changes.AddRange((await reader.ChangesAsync(document.Key, ct)).Where(c => versions.Contains(c.Change.ToVersion)));
        }
        foreach (var document in records.Where(r => r.Outcome == DeliveryLog.Failed && !delivered.Contains(r.Key)).GroupBy(r => r.Document))
        {
            var numbered = await reader.ChangesAsync(document.Key, ct);
            changes.AddRange(document.Select(r => r.Number).Distinct().Where(n => n >= 1 && n <= numbered.Count).Select(n => numbered[n - 1]));
        }

        var made = 0;
        foreach (var change in changes.Where(c => !c.Change.Technical).Distinct().OrderBy(c => c.Change.At))
        {
            var name = Name(change);
            var pending = settings.Subscriptions.Where(s => !delivered.Contains(DeliveryRecord.KeyOf(s.Url.AbsoluteUri, name))).ToList();
            if (pending.Count == 0) continue;
            var topics = (await ArchiveInsight.OfAsync(reader.Archive, change.Change, lexicon, ct)).Topics;
            byte[]? body = null;
            foreach (var subscription in pending.Where(s => s.Wants(change.Change.Document, topics)))
            {
                body ??= await PayloadAsync(change, topics, ct);
                var delivery = Guid.NewGuid().ToString("N");
                var (status, attempts, detail) = await sender.SendAsync(subscription, delivery, body, ct);
                var ok = status is >= 200 and < 300;
                log.Append(new DeliveryRecord(time.GetUtcNow(), subscription.Url.AbsoluteUri, name, change.Change.Document, change.Number, delivery,
                    ok ? DeliveryLog.Delivered : DeliveryLog.Failed, attempts, status, detail));
                delivered.Add(DeliveryRecord.KeyOf(subscription.Url.AbsoluteUri, name));
                made++;
                report(ok
                    ? $"webhook: {name} delivered to {subscription.Url} ({attempts} attempt(s))"
                    : $"webhook: {name} not delivered to {subscription.Url} after {attempts} attempt(s): {detail}; tried again after the next round");
            }
        }
        return made;
    }

    /// <summary>A change's name, the path of its page: <c>kaspi/privacy-policy-ru/changes/1</c>.</summary>
    private static string Name(NumberedChange change) => $"{change.Change.Document}/changes/{change.Number}";

    /// <summary>
    /// The change as <c>changes --json</c> prints it, plus its number, its feed entry id, its company
    /// and document, and links to the archive's pages (these two only when the public URL is known).
    /// </summary>
    private async Task<byte[]> PayloadAsync(NumberedChange change, IReadOnlyList<string> topics, CancellationToken ct)
    {
        var key = change.Change.Document.Split('/');
        var located = await reader.LocateAsync(key[0], key[1], ct);
        var json = JsonSerializer.SerializeToNode(ChangeJson.From(change.Change, topics), Compact)!.AsObject();
        json["event"] = "change";
        json["number"] = change.Number;
        json["id"] = site is null ? null : FeedIds.Entry(site, key[0], key[1], change);
        json["company"] = new JsonObject
        {
            ["id"] = key[0],
            ["name"] = located?.Company.Name ?? key[0],
            ["sector"] = located?.Company.Sector,
        };
        json["documentType"] = located?.Document.Type;
        json["language"] = located?.Document.Language;
        json["title"] = located?.Document.Title;
        json["url"] = located?.Document.Url;
        var page = $"/companies/{Uri.EscapeDataString(key[0])}/{Uri.EscapeDataString(key[1])}";
        json["links"] = site is null ? null : new JsonObject
        {
            ["change"] = new Uri(site, $"{page}/changes/{change.Number}").AbsoluteUri,
            ["document"] = new Uri(site, page).AbsoluteUri,
            ["feed"] = new Uri(site, $"/companies/{Uri.EscapeDataString(key[0])}/feed.atom").AbsoluteUri,
        };
        return Encoding.UTF8.GetBytes(json.ToJsonString(Compact));
    }
}
