using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace PolicyArchiver.Web.Feeds;

/// <summary>
/// A feed's HTTP validators (RFC 9110 §8.8): an ETag that is a digest of everything the feed's
/// bytes are made from, and Last-Modified, its newest entry's time. Both are known before the feed
/// is built, so a reader polling an unchanged feed gets <c>304</c> without any diff being run.
/// </summary>
internal sealed record FeedValidator(string ETag, DateTimeOffset LastModified)
{
    /// <summary>
    /// The program's own version is one of the inputs: a new release may render entries
    /// differently, and readers must then fetch them again.
    /// </summary>
    private static readonly string Program =
        typeof(FeedValidator).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "";

    /// <param name="inputs">What the feed is made of, in order; any difference gives another ETag.</param>
    public static FeedValidator Of(IEnumerable<string> inputs, DateTimeOffset lastModified)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var input in inputs.Prepend(Program))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(input));
            hash.AppendData([0]); // a separator no input contains, so ("ab","c") and ("a","bc") differ
        }
        return new($"\"{Convert.ToHexStringLower(hash.GetHashAndReset())[..32]}\"", lastModified);
    }

    /// <summary>
    /// Whether the client's copy is current. If-None-Match decides when present; If-Modified-Since
    /// only without it, at the one-second precision of HTTP dates.
    /// </summary>
    public bool IsCurrent(HttpRequest request)
    {
        var headers = request.GetTypedHeaders();
        if (headers.IfNoneMatch is { Count: > 0 } tags)
            return tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(new EntityTagHeaderValue(ETag), useStrongComparison: false));
        return headers.IfModifiedSince is { } since && Seconds(LastModified) <= since;
    }

    public void WriteTo(HttpResponse response)
    {
        response.Headers.ETag = ETag;
        response.Headers.LastModified = Seconds(LastModified).ToString("R", CultureInfo.InvariantCulture);
    }

    /// <summary>The <c>304</c> answer, with the validators the client should keep.</summary>
    public IResult NotModified(HttpResponse response)
    {
        WriteTo(response);
        return Results.StatusCode(StatusCodes.Status304NotModified);
    }

    private static DateTimeOffset Seconds(DateTimeOffset t) => new(t.UtcTicks - t.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
}
