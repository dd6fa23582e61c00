using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;
using PolicyArchiver.Web.Pages;

namespace PolicyArchiver.Web.Memento;

/// <summary>
/// Memento (RFC 7089) time travel over the archive, with the original URL appended as is, as the
/// Wayback Machine does: a TimeGate at <c>/memento/timegate/{url}</c>, a TimeMap at
/// <c>/memento/timemap/{url}</c> and mementos at <c>/memento/{yyyyMMddHHmmss}/{url}</c>, so
/// Memento clients and aggregators can find what a policy said at any date.
/// </summary>
internal static class MementoEndpoints
{
    /// <summary>
    /// Archived HTML is someone else's page: in our origin it must run no script, submit nothing and
    /// load nothing from anywhere (a tracking pixel would tell its owner who reads the archive).
    /// </summary>
    public const string Sandbox = "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'";

    public const string LinkFormat = "application/link-format";

    public static void Map(IEndpointRouteBuilder app)
    {
        string[] methods = [HttpMethods.Get, HttpMethods.Head];
        app.MapMethods(MementoAddresses.TimeGatePrefix + "{**original}", methods, (HttpContext http, ArchiveReader reader) => TimeGateAsync(http, reader));
        app.MapMethods(MementoAddresses.TimeMapPrefix + "{**original}", methods, (HttpContext http, ArchiveReader reader) => TimeMapAsync(http, reader));
        app.MapMethods(MementoAddresses.MementoPrefix + "{datetime}/{**original}", methods, (HttpContext http, ArchiveReader reader) => MementoAsync(http, reader));
    }

    /// <summary>
    /// Redirects (302) to the memento nearest to Accept-Datetime, or to the latest without one
    /// (RFC 7089 §4.1, pattern 2.2: the TimeGate is not the original resource).
    /// </summary>
    private static async Task<IResult> TimeGateAsync(HttpContext http, ArchiveReader reader)
    {
        http.Response.Headers.Vary = "accept-datetime";
        var raw = OriginalUrl.After(http, MementoAddresses.TimeGatePrefix);
        if (string.IsNullOrEmpty(raw)) return await MementoHelp.PageAsync(reader, http.RequestAborted);
        if (OriginalUrl.Parse(raw, out var error) is not { } original) return Layout.BadRequest(error!);

        DateTimeOffset? wanted = null;
        if (http.Request.Headers.TryGetValue("Accept-Datetime", out var header))
        {
            if (!MementoDatetime.TryParseRfc1123(header.ToString(), out var at))
                return Layout.BadRequest($"Accept-Datetime \"{header}\" is not an RFC 1123 date in GMT, such as \"Tue, 20 May 2025 10:00:00 GMT\".");
            wanted = at;
        }

        var mementos = await new MementoIndex(reader).FindAsync(original, http.RequestAborted);
        if (mementos.Count == 0) return NotArchived(original);
        var chosen = wanted is { } t ? MementoIndex.Nearest(mementos, t) : mementos[^1];
        var addresses = new MementoAddresses(PublicAddress.Of(http), original);
        http.Response.Headers.Link = string.Join(", ",
            LinkHeader.Link(addresses.Original, "original"),
            LinkHeader.Link(addresses.TimeMap, "timemap", ("type", LinkFormat)));
        return Results.Redirect(addresses.Memento(chosen.Datetime).AbsoluteUri);
    }

    /// <summary>Every memento of the original in link-format (RFC 7089 §5.1.1), oldest first.</summary>
    private static async Task<IResult> TimeMapAsync(HttpContext http, ArchiveReader reader)
    {
        var raw = OriginalUrl.After(http, MementoAddresses.TimeMapPrefix);
        if (string.IsNullOrEmpty(raw)) return await MementoHelp.PageAsync(reader, http.RequestAborted);
        if (OriginalUrl.Parse(raw, out var error) is not { } original) return Layout.BadRequest(error!);
        var mementos = await new MementoIndex(reader).FindAsync(original, http.RequestAborted);
        if (mementos.Count == 0) return NotArchived(original);

        var addresses = new MementoAddresses(PublicAddress.Of(http), original);
        var links = new List<string>
        {
            LinkHeader.Link(addresses.Original, "original"),
            LinkHeader.Link(addresses.TimeMap, "self", ("type", LinkFormat),
                ("from", MementoDatetime.Rfc1123(mementos[0].Datetime)), ("until", MementoDatetime.Rfc1123(mementos[^1].Datetime))),
            LinkHeader.Link(addresses.TimeGate, "timegate"),
        };
        for (var i = 0; i < mementos.Count; i++)
        {
            var relations = new List<string>();
            if (i == 0) relations.Add("first");
            if (i == mementos.Count - 1) relations.Add("last");
            links.Add(LinkHeader.Memento(addresses.Memento(mementos[i].Datetime), mementos[i].Datetime, relations));
        }
        return Results.Text(string.Join(",\n", links) + "\n", LinkFormat, Encoding.UTF8);
    }

    /// <summary>
    /// The captured bytes exactly as archived, sandboxed; a datetime with no capture of its own
    /// redirects (302) to the nearest memento, as the Wayback Machine does. A browser navigating to an
    /// HTML memento (<c>Sec-Fetch-Dest: document</c>) gets the replay page with its banner instead
    /// (<see cref="ReplayPage"/>), with the same Memento headers.
    /// </summary>
    private static async Task<IResult> MementoAsync(HttpContext http, ArchiveReader reader)
    {
        var rest = OriginalUrl.After(http, MementoAddresses.MementoPrefix) ?? "";
        var slash = rest.IndexOf('/');
        var datetime = slash < 0 ? rest : rest[..slash];
        if (!MementoDatetime.TryParseFourteen(datetime, out var at))
            return Layout.BadRequest($"\"{datetime}\" is not a datetime of 14 digits, yyyyMMddHHmmss in UTC (e.g. 20250520100000).");
        if (OriginalUrl.Parse(slash < 0 ? "" : rest[(slash + 1)..], out var error) is not { } original) return Layout.BadRequest(error!);
        var mementos = await new MementoIndex(reader).FindAsync(original, http.RequestAborted);
        if (mementos.Count == 0) return NotArchived(original);

        var addresses = new MementoAddresses(PublicAddress.Of(http), original);
        var index = mementos.ToList().FindIndex(m => m.Datetime == at);
        var links = new List<string>
        {
            LinkHeader.Link(addresses.Original, "original"),
            LinkHeader.Link(addresses.TimeGate, "timegate"),
            LinkHeader.Link(addresses.TimeMap, "timemap", ("type", LinkFormat)),
        };
        if (index < 0)
        {
            http.Response.Headers.Link = string.Join(", ", links);
            return Results.Redirect(addresses.Memento(MementoIndex.Nearest(mementos, at).Datetime).AbsoluteUri);
        }

        links.AddRange(Neighbours(mementos, index).Select(n => LinkHeader.Memento(addresses.Memento(mementos[n.Index].Datetime), mementos[n.Index].Datetime, n.Relations)));
        var capture = mementos[index];
        var headers = http.Response.Headers;
        headers["Memento-Datetime"] = MementoDatetime.Rfc1123(capture.Datetime);
        headers.Link = string.Join(", ", links);
        // Programs get the archived bytes; a person's browser opening an HTML memento gets the page as it looked.
        headers.Append("Vary", "Sec-Fetch-Dest");
        if (http.Request.Headers["Sec-Fetch-Dest"] == "document" && ReplayPage.IsReplayable(capture.Snapshot)
            && await ReplayPage.OfMementoAsync(reader, capture.Observation, capture.Snapshot, http.RequestAborted) is { } page)
            return page;
        var body = await reader.Archive.Blobs.GetAsync(capture.Snapshot.BodySha256, http.RequestAborted);
        headers.ContentSecurityPolicy = Sandbox;
        headers.XContentTypeOptions = "nosniff";
        return Results.Bytes(body, SnapshotMedia.ContentType(capture.Snapshot));
    }

    /// <summary>
    /// The first, previous, next and last mementos around the one at <paramref name="index"/>, each
    /// once with all its relations (<c>first prev memento</c>), as RFC 7089 §2.2 and the Wayback
    /// Machine link them. The memento itself is listed only when it is the first or the last.
    /// </summary>
    private static IEnumerable<(int Index, List<string> Relations)> Neighbours(IReadOnlyList<MementoCapture> mementos, int index)
    {
        var relations = new SortedDictionary<int, List<string>>();
        void Add(int i, string relation)
        {
            if (i < 0 || i >= mementos.Count) return;
            if (!relations.TryGetValue(i, out var list)) relations[i] = list = [];
            list.Add(relation);
        }
        Add(0, "first");
        Add(index - 1, "prev");
        Add(index + 1, "next");
        Add(mementos.Count - 1, "last");
        return relations.Select(r => (r.Key, r.Value));
    }

    private static IResult NotArchived(Uri original) =>
        Layout.NotFound(Localization.SiteText.F(Localization.SiteText.Current.NoCapture, original.AbsoluteUri));
}
