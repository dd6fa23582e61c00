using System.Globalization;
using Microsoft.AspNetCore.Http;
using PolicyArchiver.Search;

namespace PolicyArchiver.Web;

/// <summary>
/// A search as <c>/search</c> and <c>/api/search</c> read it from the query string: <c>q</c>, the
/// filters of <c>/changes</c> (company, sector, type, language, from, to), and the page.
/// </summary>
internal sealed record SearchRequest(string? Text, SearchQuery? Query, ChangeFilter Filter)
{
    /// <summary>The request, or why it cannot be answered (a bad date, a query of punctuation only).</summary>
    public static (SearchRequest Request, string? Problem) Of(IQueryCollection query)
    {
        var (filter, problem) = ChangeFilter.Of(query);
        // A topic or includeTechnical means nothing to a search: the registry's vocabulary, not the text's.
        filter = filter with { Topic = null, IncludeTechnical = false };
        var text = query["q"].FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();
        var parsed = SearchQuery.Parse(text);
        var request = new SearchRequest(text, parsed, filter);
        if (problem is not null) return (request, problem);
        if (text is not null && parsed is null) return (request, $"q=\"{text}\": no word to look for (letters or digits)");
        return (request, null);
    }

    /// <summary>The query string of this search (with <c>?</c>), plus any further parameters.</summary>
    public string QueryString(params (string Name, string? Value)[] more) => Filter.Query([("q", Text), .. more]);

    public static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);
}
