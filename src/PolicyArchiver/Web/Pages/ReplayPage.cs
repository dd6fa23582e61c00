using System.Text;
using Microsoft.AspNetCore.Http;
using PolicyArchiver.Storage;
using PolicyArchiver.Web.Localization;

namespace PolicyArchiver.Web.Pages;

/// <summary>
/// <c>/companies/{company}/{document}/snapshots/{observation}/replay</c>: a captured HTML page as it
/// looked, replayed from the archive in a sandboxed frame (<c>/replay/</c>, Web.Replay) under a banner
/// that says what it is: the document, the capture time, the observation, its evidence bundle and
/// its Memento. A browser that opens a memento of an HTML page gets this page too.
/// </summary>
internal static class ReplayPage
{
    /// <summary>The frame's sandbox, the same as the replay's own policy: scripts run, in an opaque origin (no allow-same-origin).</summary>
    public const string Sandbox = "allow-scripts allow-forms allow-popups allow-modals";

    /// <summary>What the frame shows: the final URL of the capture at its own response's instant, so exactly this capture is replayed.</summary>
    public sealed record Target(DateTimeOffset At, string Url)
    {
        public string Path => Html.ReplayPath(At, Url);
    }

    /// <summary>HTML pages are replayed; a PDF keeps its own views.</summary>
    public static bool IsReplayable(Snapshot snapshot) => snapshot.ContentType.Contains("html", StringComparison.OrdinalIgnoreCase);

    public static async Task<IResult> RenderAsync(ArchiveReader reader, string company, string id, long observationId, CancellationToken ct)
    {
        var found = await SnapshotPage.FindAsync(reader, company, id, observationId, ct);
        if (found.Error is not null) return found.Error;
        // A PDF is shown by its snapshot page (its screenshot, its bytes): that is where its replay address leads.
        if (!IsReplayable(found.Snapshot!)) return Results.Redirect(Html.SnapshotPath(found.Document!.Key, observationId));
        return Page(found.Company!, found.Document!, found.Observation!, await TargetAsync(reader, found.Observation!, found.Snapshot!, ct));
    }

    /// <summary>The banner page of a memento (the memento's own capture), or null when its document is not known to the site.</summary>
    public static async Task<IResult?> OfMementoAsync(ArchiveReader reader, Observation observation, Snapshot snapshot, CancellationToken ct)
    {
        var key = observation.Document.Split('/');
        if (key.Length != 2 || await reader.LocateAsync(key[0], key[1], ct) is not var (company, document)) return null;
        return Page(company, document, observation, await TargetAsync(reader, observation, snapshot, ct));
    }

    /// <summary>
    /// The capture's last response record (its final URL, after redirects), read from the WARC index;
    /// an observation without one (an import of older records) is replayed at its own instant.
    /// </summary>
    public static async Task<Target> TargetAsync(ArchiveReader reader, Observation observation, Snapshot snapshot, CancellationToken ct)
    {
        var records = await reader.Catalog.GetWarcRecordsAsync(observation.Id, ct);
        return records.LastOrDefault(r => r.Type is "response" or "revisit" && r.Role is "response" or "revisit") is { } last
            ? new Target(last.Date, last.TargetUri)
            : new Target(observation.At, snapshot.FinalUrl);
    }

    public static string Frame(Target target, string cssClass) =>
        $"<iframe class=\"{cssClass}\" sandbox=\"{Sandbox}\" src=\"{Html.E(target.Path)}\" title=\"{Html.E(SiteText.Current.ReplayFrame)}\"></iframe>\n";

    private static IResult Page(CompanyView company, DocumentView document, Observation observation, Target target)
    {
        var t = SiteText.Current;
        var snapshotPath = Html.SnapshotPath(document.Key, observation.Id);
        // Mementos are dated by their observation, to the second (MementoIndex): this one's own address, not a redirect to it.
        var memento = Html.MementoPath(observation.At, target.Url);
        var html = new StringBuilder();
        html.Append("<section class=\"replay-banner\">\n<h1>").Append(Html.Fill(t.ReplayHeading, Html.E(Badges.DocumentLabel(document)), Html.TimeTag(target.At))).Append("</h1>\n");
        html.Append("<dl class=\"facts\">");
        html.Append("<dt>").Append(Html.E(t.Document)).Append("</dt><dd><a href=\"").Append(Html.DocumentPath(document.Key)).Append("\">").Append(Html.E(document.Key)).Append("</a></dd>");
        html.Append("<dt>").Append(Html.E(t.ReplayCaptured)).Append("</dt><dd>").Append(Html.TimeTag(target.At)).Append("</dd>");
        html.Append("<dt>").Append(Html.E(t.ReplayObservation)).Append("</dt><dd><a class=\"observation\" href=\"").Append(snapshotPath).Append("\">#").Append(observation.Id).Append("</a></dd>");
        html.Append("<dt>").Append(Html.E(t.ReplayEvidence)).Append("</dt><dd><a class=\"evidence\" href=\"").Append(Html.DocumentPath(document.Key)).Append("/evidence?at=")
            .Append(Html.U(Model.Instant.Format(observation.At))).Append("\">").Append(Html.E(t.EvidenceBundle)).Append(" (zip)</a></dd>");
        html.Append("<dt>").Append(Html.E(t.ReplayOriginal)).Append("</dt><dd><code>").Append(Html.E(target.Url)).Append("</code></dd>");
        html.Append("<dt>").Append(Html.E(t.ReplayMemento)).Append("</dt><dd><a class=\"memento\" href=\"").Append(Html.E(memento)).Append("\">").Append(Html.E(memento)).Append("</a></dd>");
        html.Append("</dl>\n<p class=\"muted\">").Append(Html.E(t.ReplayNote)).Append("</p>\n</section>\n");
        html.Append(Frame(target, "replay full"));
        var crumbs = DocumentPage.Crumbs(company, document).Append(new Layout.Crumb(snapshotPath, Html.Time(observation.At))).ToList();
        return Layout.Page(SiteText.F(t.ReplayTitle, document.Key), html.ToString(), crumbs);
    }
}
