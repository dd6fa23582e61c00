using System.Text.RegularExpressions;

namespace PolicyArchiver.Bench.Fixtures;

/// <summary>
/// The words of a real policy or report in one language (shared/seeds), read in order so that
/// runs of consecutive words read like the real text: generated clauses have the vocabulary,
/// word lengths and letter frequencies of real Kazakh and Russian documents.
/// </summary>
public sealed partial class SeedText
{
    private readonly string[] _words;

    private SeedText(string[] words) => _words = words;

    public static SeedText Load(string path) =>
        new(Word().Matches(File.ReadAllText(path)).Select(m => m.Value).ToArray());

    /// <summary>Seeds for Russian and Kazakh, from the repository's shared seeds or its test fixtures.</summary>
    public static (SeedText Ru, SeedText Kk) Find(string repo)
    {
        string Locate(string name)
        {
            foreach (var dir in new[] { Path.Combine(repo, "..", "shared", "seeds"), "/work/shared/seeds", Path.Combine(repo, "tests", "PolicyArchiver.Tests", "Extraction") })
                if (File.Exists(Path.Combine(dir, name))) return Path.Combine(dir, name);
            throw new FileNotFoundException($"seed text {name} not found in shared/seeds or tests/PolicyArchiver.Tests/Extraction");
        }
        return (Load(Locate("digital-rating-2023.ru.txt")), Load(Locate("operator-privacy-policy.kk.txt")));
    }

    /// <summary>A sentence of <paramref name="min"/>–<paramref name="max"/> consecutive seed words.</summary>
    public string Sentence(Random random, int min = 10, int max = 28)
    {
        var length = random.Next(min, max + 1);
        var start = random.Next(0, Math.Max(1, _words.Length - length));
        var words = _words.AsSpan(start, Math.Min(length, _words.Length - start)).ToArray();
        var text = string.Join(' ', words).TrimEnd(',', ';', ':', '.', '-', '–');
        return char.ToUpperInvariant(text[0]) + text[1..] + ".";
    }

    /// <summary>A short title of a few words, without final punctuation.</summary>
    public string Title(Random random)
    {
        var s = Sentence(random, 2, 5);
        return s.TrimEnd('.');
    }

    /// <summary>Words with at least one letter, punctuation attached, as they stand in the text.</summary>
    [GeneratedRegex(@"[^\s•]*\p{L}[^\s•]*")]
    private static partial Regex Word();
}
