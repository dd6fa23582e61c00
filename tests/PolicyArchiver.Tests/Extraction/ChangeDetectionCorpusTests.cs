using System.Text;
using System.Text.Json;
using PolicyArchiver.Extraction;
using Xunit.Abstractions;
using PolicyArchiver.Targets;

namespace PolicyArchiver.Tests.Extraction;

/// <summary>
/// Change detection measured on a corpus of realistic page pairs (Fixtures/corpus/&lt;case&gt;/a.html, b.html, case.json):
/// a change registry must record every changed clause and nothing else. Each case is one pair of captures of
/// the same document; <c>changed</c> says whether the document itself differs between them.
/// </summary>
public class ChangeDetectionCorpusTests(ITestOutputHelper output)
{
    private static readonly Uri BaseUrl = new("https://example.kz/legal/privacy");

    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    private static string Root => Path.Combine(AppContext.BaseDirectory, "Fixtures", "corpus");

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var id in CaseIds()) data.Add(id);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Case_is_classified_and_extracted_correctly(string id)
    {
        var c = Load(id);
        var (textA, textB) = ExtractBoth(c);
        var detected = !string.Equals(textA, textB, StringComparison.Ordinal);
        var problems = new List<string>();

        if (detected != c.Changed)
            problems.Add(c.Changed
                ? "MISSED CHANGE: the texts of a and b are identical"
                : "FALSE CHANGE: the texts differ\n" + Difference(textA, textB));

        var linesB = textB.Split('\n');
        foreach (var expected in c.MustContain ?? [])
            if (!linesB.Contains(expected, StringComparer.Ordinal))
                problems.Add("b lacks the line: " + expected);
        foreach (var noise in c.MustNotContain ?? [])
            if (textB.Contains(noise, StringComparison.Ordinal))
                problems.Add("b contains: " + Visible(noise));

        if (problems.Count > 0)
            Assert.Fail($"{id}: {c.Description}\n- {string.Join("\n- ", problems)}\n--- text of b ---\n{textB}");
    }

    /// <summary>The report figure: precision and recall of "a and b differ" over every case of the corpus.</summary>
    [Fact]
    public void Precision_and_recall_of_change_detection_are_one()
    {
        var ids = CaseIds();
        Assert.True(ids.Count >= 30, $"the corpus has only {ids.Count} cases");

        int tp = 0, fp = 0, fn = 0, tn = 0;
        var falseChanges = new List<string>();
        var missed = new List<string>();
        var byLanguage = new SortedDictionary<string, int[]>(StringComparer.Ordinal); // tp, fp, fn, tn
        foreach (var id in ids)
        {
            var c = Load(id);
            var (a, b) = ExtractBoth(c);
            var detected = !string.Equals(a, b, StringComparison.Ordinal);
            var cell = (c.Changed, detected) switch
            {
                (true, true) => 0,
                (false, true) => 1,
                (true, false) => 2,
                _ => 3,
            };
            if (!byLanguage.TryGetValue(c.Language, out var counts)) byLanguage[c.Language] = counts = new int[4];
            counts[cell]++;
            switch (cell)
            {
                case 0: tp++; break;
                case 1: fp++; falseChanges.Add(id); break;
                case 2: fn++; missed.Add(id); break;
                default: tn++; break;
            }
        }

        var precision = Ratio(tp, tp + fp);
        var recall = Ratio(tp, tp + fn);
        output.WriteLine($"Change detection corpus: {ids.Count} cases ({tp + fn} changed, {fp + tn} noise only)");
        output.WriteLine($"TP={tp} FP={fp} FN={fn} TN={tn}");
        output.WriteLine($"precision = {precision:0.000}  recall = {recall:0.000}");
        foreach (var (language, n) in byLanguage)
            output.WriteLine($"  {language}: TP={n[0]} FP={n[1]} FN={n[2]} TN={n[3]}  precision={Ratio(n[0], n[0] + n[1]):0.000} recall={Ratio(n[0], n[0] + n[2]):0.000}");
        if (falseChanges.Count > 0) output.WriteLine("false changes (noise reported as a change): " + string.Join(", ", falseChanges));
        if (missed.Count > 0) output.WriteLine("missed changes: " + string.Join(", ", missed));

        Assert.True(precision == 1.0 && recall == 1.0,
            $"precision {precision:0.000}, recall {recall:0.000}; false changes: [{string.Join(", ", falseChanges)}]; missed: [{string.Join(", ", missed)}]");
    }

    private static double Ratio(int numerator, int denominator) => denominator == 0 ? 1.0 : (double)numerator / denominator;

    private static List<string> CaseIds() =>
        Directory.GetDirectories(Root)
            .Where(d => File.Exists(Path.Combine(d, "case.json")))
            .Select(d => Path.GetFileName(d)!)
            .Order(StringComparer.Ordinal)
            .ToList();

    private static CorpusCase Load(string id)
    {
        var dir = Path.Combine(Root, id);
        var c = JsonSerializer.Deserialize<CorpusCase>(File.ReadAllText(Path.Combine(dir, "case.json")), Json)
                ?? throw new InvalidDataException($"{id}/case.json is empty");
        Assert.Equal(id, c.Id);
        Assert.Contains(c.Language, new[] { "kk", "ru", "en" });
        return c with { Dir = dir };
    }

    private static (string A, string B) ExtractBoth(CorpusCase c)
    {
        var rules = c.Rules is null
            ? ExtractionRules.Default
            : new ExtractionRules(c.Rules.Select ?? [], c.Rules.Remove ?? [], c.Rules.Ignore ?? [], c.Rules.StripQuery ?? []);
        var a = HtmlExtractor.Extract(File.ReadAllText(Path.Combine(c.Dir, "a.html"), Encoding.UTF8), rules, BaseUrl);
        var b = HtmlExtractor.Extract(File.ReadAllText(Path.Combine(c.Dir, "b.html"), Encoding.UTF8), rules, BaseUrl);
        return (a, b);
    }

    /// <summary>What a and b disagree on, line by line, for the failure message.</summary>
    private static string Difference(string a, string b)
    {
        var linesA = a.Split('\n');
        var linesB = b.Split('\n');
        var onlyA = linesA.Except(linesB, StringComparer.Ordinal).ToList();
        var onlyB = linesB.Except(linesA, StringComparer.Ordinal).ToList();
        if (onlyA.Count == 0 && onlyB.Count == 0) return "  same lines in a different order or count";
        var sb = new StringBuilder();
        foreach (var l in onlyA.Take(12)) sb.Append("  only in a: ").AppendLine(Visible(l));
        foreach (var l in onlyB.Take(12)) sb.Append("  only in b: ").AppendLine(Visible(l));
        return sb.ToString().TrimEnd();
    }

    /// <summary>Makes invisible characters readable in a message.</summary>
    private static string Visible(string s)
    {
        var sb = new StringBuilder();
        foreach (var ch in s)
            sb.Append(ch is '\u00A0' or '\u00AD' or '\u200B' or '\u202F' or '\u2002' or '\u0306' ? $"<U+{(int)ch:X4}>" : ch.ToString());
        return sb.ToString();
    }

    private sealed record CorpusCase(
        string Id,
        string Language,
        bool Changed,
        string Description,
        CaseRules? Rules,
        string[]? MustContain,
        string[]? MustNotContain)
    {
        public string Dir { get; init; } = "";
    }

    private sealed record CaseRules(string[]? Select, string[]? Remove, string[]? Ignore, string[]? StripQuery);
}
