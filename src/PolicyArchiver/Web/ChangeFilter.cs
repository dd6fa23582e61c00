using System.Text;
using Microsoft.AspNetCore.Http;
using PolicyArchiver.Insight;
using PolicyArchiver.Storage;

namespace PolicyArchiver.Web;

/// <summary>
/// What the change registry is narrowed to, read from the query string the same way by the
/// <c>/changes</c> page and <c>/api/changes</c>: company, sector, document type, language, topic,
/// a date range, and whether technical changes count.
/// </summary>
internal sealed record ChangeFilter(string? Company, string? Sector, string? Type, string? Language, string? Topic, string? From, string? To, bool IncludeTechnical)
{
    public static readonly ChangeFilter All = new(null, null, null, null, null, null, null, false);

    /// <summary>The filter a request asks for, or why it cannot be applied (an unknown topic, a bad date).</summary>
    public static (ChangeFilter Filter, string? Problem) Of(IQueryCollection query)
    {
        string? Value(string name) => query[name].FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();
        var technical = Value("includeTechnical");
        var filter = new ChangeFilter(Value("company"), Value("sector"), Value("type"), Value("language"), Value("topic"), Value("from"), Value("to"),
            technical is "true" or "1" or "on");
        if (filter.From is { } from && !Instant.TryParse(from, out _)) return (filter, $"from=\"{from}\": {Instant.NotOne}");
        if (filter.To is { } to && !Instant.TryParseThrough(to, out _)) return (filter, $"to=\"{to}\": {Instant.NotOne}");
        if (technical is not null and not ("true" or "false" or "1" or "0" or "on")) return (filter, $"includeTechnical=\"{technical}\": true or false");
        if (filter.Topic is { } topic && SiteTopics.Lexicon.Find(topic) is null)
            return (filter, $"topic=\"{topic}\": not a topic of this archive (one of {string.Join(", ", SiteTopics.Lexicon.Ids)}; see /topics)");
        return (filter, null);
    }

    /// <summary>Whether a document is in the filter's companies, sectors, types and languages.</summary>
    public bool Admits(CompanyView company, DocumentView document) =>
        (Company is null || company.Id == Company) && (Sector is null || company.Sector == Sector)
        && (Type is null || document.Type == Type) && (Language is null || document.Language == Language);

    /// <summary>Whether a change falls in the filter's dates; a day given as <c>to</c> counts whole.</summary>
    public bool Covers(DateTimeOffset at) =>
        (From is null || at >= Start(From)) && (To is null || at <= End(To));

    internal static DateTimeOffset Start(string from) =>
        Instant.TryParseDay(from, out var day) ? new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : Instant.TryParse(from, out var t) ? t : DateTimeOffset.MinValue;

    internal static DateTimeOffset End(string to) =>
        Instant.TryParseDay(to, out var day) ? new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddDays(1).AddTicks(-1)
        : Instant.TryParseThrough(to, out var t) ? t : DateTimeOffset.MaxValue;

    /// <summary>The filter as a query string (with <c>?</c>, empty when nothing is filtered), plus any further parameters.</summary>
    public string Query(params (string Name, string? Value)[] more)
    {
        var parts = new List<(string, string?)>
        {
            ("company", Company), ("sector", Sector), ("type", Type), ("language", Language), ("topic", Topic), ("from", From), ("to", To),
            ("includeTechnical", IncludeTechnical ? "true" : null),
        };
        parts.AddRange(more);
        var query = new StringBuilder();
        foreach (var (name, value) in parts.Where(p => p.Item2 is not null))
            query.Append(query.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value!));
        return query.ToString();
    }
}
