using System.Globalization;
using System.ServiceModel.Syndication;
using PolicyArchiver.Evidence.Ledger;
using PolicyArchiver.Web.Feeds;

namespace PolicyArchiver.Web.Checkpoints;

/// <summary>
/// The checkpoints as an Atom feed: anyone who subscribes keeps a copy of each signed head outside
/// the archive, which is what makes a later rewrite or rollback detectable. Each entry's content is
/// the checkpoint's JSON, as <c>verify --trusted-checkpoint</c> reads it.
/// </summary>
internal static class CheckpointFeed
{
    /// <summary>The newest checkpoints only: a subscriber polls often and keeps what it has seen; the JSON has them all.</summary>
    public const int MaxEntries = 100;

    /// <summary>
    /// The feed's validators, from what it is made of: the address its links point to, the key, and
    /// the newest checkpoints (a checkpoint is never changed, so its seq and head name it).
    /// </summary>
    public static FeedValidator Validator(PublishedCheckpoints published, Uri site)
    {
        var newest = published.Checkpoints.Reverse().Take(MaxEntries).ToList();
        var inputs = new List<string> { site.AbsoluteUri, published.PublicKeySha256 ?? "" };
        inputs.AddRange(newest.Select(c => $"{c.Seq.ToString(CultureInfo.InvariantCulture)} {c.Head} {c.At}"));
        var at = newest.Count > 0 ? DateTimeOffset.Parse(newest[0].At, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal) : DateTimeOffset.UnixEpoch;
        return FeedValidator.Of(inputs, at);
    }

    public static SyndicationFeed Build(PublishedCheckpoints published, Uri site)
    {
        var entries = published.Checkpoints.Reverse().Take(MaxEntries).Select(c =>
        {
            var at = DateTimeOffset.Parse(c.At, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            var item = new SyndicationItem
            {
                Id = $"tag:policyarchiver,2026:checkpoints/{c.Seq.ToString(CultureInfo.InvariantCulture)}/{c.Head}",
                Title = new TextSyndicationContent($"Checkpoint: ledger entry {c.Seq} signed, head {c.Head}"),
                LastUpdatedTime = at,
                PublishDate = at,
                Content = new TextSyndicationContent(c.ToJson(), TextSyndicationContentKind.Plaintext),
            };
            item.Links.Add(SyndicationLink.CreateAlternateLink(new Uri(site, "/checkpoints"), "text/html"));
            return item;
        }).ToList();
        var title = "Checkpoints of the ledger · PolicyArchiver";
        var feed = new SyndicationFeed(entries)
        {
            Id = "tag:policyarchiver,2026:checkpoints",
            Title = new TextSyndicationContent(title),
            Description = new TextSyndicationContent($"Signed by the key with SHA-256 fingerprint {published.PublicKeySha256 ?? "(none yet)"}"),
            LastUpdatedTime = entries.Count > 0 ? entries[0].LastUpdatedTime : DateTimeOffset.UnixEpoch,
            Generator = "PolicyArchiver",
        };
        feed.Authors.Add(new SyndicationPerson { Name = "PolicyArchiver" });
        feed.Links.Add(new SyndicationLink(new Uri(site, "/checkpoints.atom"), "self", title, "application/atom+xml", 0));
        feed.Links.Add(new SyndicationLink(new Uri(site, "/checkpoints"), "alternate", title, "text/html", 0));
        return feed;
    }
}
