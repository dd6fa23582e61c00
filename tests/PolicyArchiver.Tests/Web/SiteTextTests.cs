using System.Reflection;
using System.Text.RegularExpressions;
using PolicyArchiver.Web.Localization;

namespace PolicyArchiver.Tests.Web;

/// <summary>The interface's string tables: every text in every language, translated, with the same placeholders.</summary>
public partial class SiteTextTests
{
    private static readonly PropertyInfo[] Texts = typeof(SiteText).GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.PropertyType == typeof(string) && p.Name != nameof(SiteText.Code)).ToArray();

    public static TheoryData<string> Languages => new() { "kk", "ru" };

    /// <summary>The same in English: names of languages in their own language, a city, a technical term.</summary>
    private static readonly Dictionary<string, string[]> SameAsEnglish = new()
    {
        ["kk"] = [nameof(SiteText.LanguageKk)],
        ["ru"] = [nameof(SiteText.LanguageRu)],
    };

    private static SiteText Of(string code) => SiteText.For(System.Globalization.CultureInfo.GetCultureInfo(code));

    [Fact]
    public void Every_text_is_written_in_every_language()
    {
        foreach (var code in new[] { "en", "kk", "ru" })
        {
            var text = Of(code);
            Assert.Equal(code, text.Code);
            var empty = Texts.Where(p => string.IsNullOrWhiteSpace((string?)p.GetValue(text))).Select(p => p.Name).ToList();
            Assert.True(empty.Count == 0, $"{code}: no text for {string.Join(", ", empty)}");
        }
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Kazakh_and_Russian_texts_are_translations_not_English(string code)
    {
        var text = Of(code);
        var untranslated = Texts.Where(p => (string?)p.GetValue(text) == (string?)p.GetValue(SiteText.En) && !SameAsEnglish[code].Contains(p.Name)).Select(p => p.Name).ToList();
        Assert.True(untranslated.Count == 0, $"{code} shows English for {string.Join(", ", untranslated)}");
    }

    [Fact]
    public void Kazakh_texts_are_written_in_Kazakh_letters_not_borrowed_from_Russian()
    {
        // A text identical in Kazakh and Russian is a Russian text left in the Kazakh table, unless it is a loanword both use.
        string[] shared = [nameof(SiteText.Export), nameof(SiteText.ExportLower), nameof(SiteText.Almaty), nameof(SiteText.Company), nameof(SiteText.Extractor), nameof(SiteText.Screenshot)];
        var same = Texts.Where(p => (string?)p.GetValue(SiteText.Kk) == (string?)p.GetValue(SiteText.Ru) && !shared.Contains(p.Name)).Select(p => p.Name).ToList();
        Assert.True(same.Count == 0, $"the same in Kazakh and Russian: {string.Join(", ", same)}");
        Assert.True(Texts.Count(p => KazakhLetter().IsMatch((string)p.GetValue(SiteText.Kk)!)) > Texts.Length / 2, "most Kazakh texts use letters Russian has not (ә ғ қ ң ө ұ ү һ і)");
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Every_translation_fills_the_same_placeholders_as_English(string code)
    {
        var text = Of(code);
        foreach (var p in Texts)
        {
            var english = Placeholders((string)p.GetValue(SiteText.En)!);
            var translated = Placeholders((string)p.GetValue(text)!);
            Assert.True(english.SetEquals(translated), $"{code}.{p.Name}: {{{string.Join(",", translated)}}} where English has {{{string.Join(",", english)}}}");
        }
    }

    [Fact]
    public void Search_is_in_the_table_for_the_search_page()
    {
        Assert.Equal(["Search", "Іздеу", "Поиск"], new[] { SiteText.En, SiteText.Kk, SiteText.Ru }.Select(t => t.Search));
    }

    private static HashSet<string> Placeholders(string text) => Placeholder().Matches(text).Select(m => m.Groups[1].Value).ToHashSet();

    [GeneratedRegex(@"\{(\d+)\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex("[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")]
    private static partial Regex KazakhLetter();
}
