using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PolicyArchiver.Storage;
using PolicyArchiver.Web.Pages;

namespace PolicyArchiver.Web.Feeds;

/// <summary>
/// Atom feeds of changes: <c>/feed.atom</c> for every company, <c>/companies/{company}/feed.atom</c>
/// for one. Links in them are absolute, to the site's public address (<see cref="PublicAddress"/>), since a feed is read away from the site.
/// Each carries an ETag and Last-Modified (<see cref="FeedValidator"/>) and answers a conditional request for an unchanged feed with 304.
/// </summary>
internal static class FeedEndpoints
{
    public const string ContentType = "application/atom+xml; charset=utf-8";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapMethods("/feed.atom", [HttpMethods.Get, HttpMethods.Head], async (HttpContext http, ArchiveReader reader, EntryContentCache cache) =>
        {
            var feed = new ChangeFeed(reader, PublicAddress.Of(http), cache);
            return await ConditionalAsync(http, await feed.AllAsync(http.RequestAborted), feed);
        });

        app.MapMethods("/companies/{company}/feed.atom", [HttpMethods.Get, HttpMethods.Head], async (string company, HttpContext http, ArchiveReader reader, EntryContentCache cache) =>
        {
            if (await reader.CompanyAsync(company, http.RequestAborted) is not { } found) return Layout.NotFound(Localization.SiteText.F(Localization.SiteText.Current.NoCompany, company));
            var feed = new ChangeFeed(reader, PublicAddress.Of(http), cache);
            return await ConditionalAsync(http, await feed.CompanyAsync(found, http.RequestAborted), feed);
        });
    }

    /// <summary>A feed whose client already holds the current copy is answered 304, before any entry is rendered.</summary>
    private static async Task<IResult> ConditionalAsync(HttpContext http, ChangeFeed.Plan plan, ChangeFeed feed)
    {
        if (plan.Validator.IsCurrent(http.Request)) return plan.Validator.NotModified(http.Response);
        plan.Validator.WriteTo(http.Response);
        return Atom(await feed.BuildAsync(plan, http.RequestAborted));
    }

    public static IResult Atom(SyndicationFeed feed)
    {
        var atom = new XDocument();
        using (var writer = atom.CreateWriter()) new Atom10FeedFormatter(feed).WriteTo(writer);
        WriteInstants(atom.Root!, feed);
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
            atom.Save(writer);
        return Results.Bytes(buffer.ToArray(), ContentType);
    }

    /// <summary>
    /// The formatter writes Atom dates to the second; they are written again as every instant the
    /// archive shows (<see cref="Instant"/>), so an entry's date is its change's <c>at</c> in the API.
    /// </summary>
    private static void WriteInstants(XElement root, SyndicationFeed feed)
    {
        XNamespace ns = "http://www.w3.org/2005/Atom";
        root.Element(ns + "updated")!.Value = Instant.Format(feed.LastUpdatedTime);
        foreach (var (entry, item) in root.Elements(ns + "entry").Zip(feed.Items))
        {
            entry.Element(ns + "updated")!.Value = Instant.Format(item.LastUpdatedTime);
            if (entry.Element(ns + "published") is { } published) published.Value = Instant.Format(item.PublishDate);
        }
    }
}
