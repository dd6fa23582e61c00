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
/// </summary>
internal static class FeedEndpoints
{
    public const string ContentType = "application/atom+xml; charset=utf-8";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapMethods("/feed.atom", [HttpMethods.Get, HttpMethods.Head], async (HttpContext http, ArchiveReader reader) =>
            Atom(await new ChangeFeed(reader, PublicAddress.Of(http)).AllAsync(http.RequestAborted)));

        app.MapMethods("/companies/{company}/feed.atom", [HttpMethods.Get, HttpMethods.Head], async (string company, HttpContext http, ArchiveReader reader) =>
            await reader.CompanyAsync(company, http.RequestAborted) is { } found
                ? Atom(await new ChangeFeed(reader, PublicAddress.Of(http)).CompanyAsync(found, http.RequestAborted))
                : Layout.NotFound($"There is no company \"{company}\" in the archive."));
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
