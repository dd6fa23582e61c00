using System.Text;
using Lucene.Net.Tartarus.Snowball;
using Lucene.Net.Tartarus.Snowball.Ext;

namespace PolicyArchiver.Search;

/// <summary>A word of a text as the search index holds it: its stem, and where the word stands in the text.</summary>
internal readonly record struct Token(string Stem, int Start, int Length);

/// <summary>
/// The one analyzer of the search, used by both index backends and by queries, so that a word is
/// stemmed the same way wherever it is indexed or looked for. A word is a run of Unicode letters and
/// digits, lower-cased, with ё read as е. Latin words go through the Snowball English stemmer; a word
/// with a letter only Kazakh has (ә ғ қ ң ө ұ ү һ і) through <see cref="KazakhStemmer"/>; other
/// Cyrillic words through the Snowball Russian stemmer, except in a Kazakh document, where most
/// words have no Kazakh-only letter (<c>деректер</c>, <c>дербес</c>): there the Kazakh stemmer goes
/// first, and the Russian one only when it stripped nothing (a Russian word quoted in Kazakh text).
/// </summary>
internal static class TextAnalyzer
{
    /// <summary>Longer runs are not words (a digest, a base64 blob): they are not indexed.</summary>
    public const int LongestWord = 64;

    private const string KazakhLetters = "әғқңөұүһі";

    /// <summary>The words of a document's text, stemmed for the document's language (kk, ru, en or other).</summary>
    public static IReadOnlyList<Token> Analyze(string text, string language)
    {
        var stemmers = new Stemmers();
        var tokens = new List<Token>();
        foreach (var (word, start, length) in Words(text))
            tokens.Add(new Token(stemmers.Stem(word, kazakhDocument: language == "kk"), start, length));
        return tokens;
    }

    /// <summary>
    /// The stems a query word may have been indexed under: a Cyrillic word without Kazakh-only
    /// letters may be Russian or Kazakh, and the query does not say which document it is meant for.
    /// </summary>
    public static IReadOnlyList<string> Alternatives(string word)
    {
        var stemmers = new Stemmers();
        var asRussian = stemmers.Stem(word, kazakhDocument: false);
        var asKazakh = stemmers.Stem(word, kazakhDocument: true);
        return asRussian == asKazakh ? [asRussian] : [asRussian, asKazakh];
    }

    /// <summary>The words of a text, lower-cased with ё as е, with where each stands.</summary>
    public static IEnumerable<(string Word, int Start, int Length)> Words(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            if (!IsWordChar(text[i]))
            {
                i++;
                continue;
            }
            var start = i;
            while (i < text.Length && IsWordChar(text[i])) i++;
            if (i - start > LongestWord) continue;
            yield return (Normalise(text.AsSpan(start, i - start)), start, i - start);
        }
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c);

    private static string Normalise(ReadOnlySpan<char> word)
    {
        var lower = new StringBuilder(word.Length);
        foreach (var c in word)
        {
            var l = char.ToLowerInvariant(c);
            lower.Append(l == 'ё' ? 'е' : l);
        }
        return lower.ToString();
    }

    /// <summary>Snowball stemmers keep state between calls: one set per analysis, never shared across threads.</summary>
    private sealed class Stemmers
    {
        private readonly SnowballProgram _russian = new RussianStemmer();
        private readonly SnowballProgram _english = new EnglishStemmer();

        public string Stem(string word, bool kazakhDocument)
        {
            if (word.Any(char.IsDigit) && !word.Any(char.IsLetter)) return word;
            if (word.Any(c => KazakhLetters.Contains(c))) return KazakhStemmer.Stem(word);
            if (word.Any(IsCyrillic))
            {
                if (kazakhDocument && KazakhStemmer.Stem(word) is var kazakh && kazakh != word) return kazakh;
                return Snowball(_russian, word);
            }
            return word.Any(IsLatin) ? Snowball(_english, word) : word;
        }

        private static string Snowball(SnowballProgram stemmer, string word)
        {
            stemmer.SetCurrent(word);
            stemmer.Stem();
            return stemmer.Current;
        }

        private static bool IsCyrillic(char c) => c is >= '\u0400' and <= '\u04FF';

        private static bool IsLatin(char c) => c is >= 'a' and <= 'z' || c is >= '\u00C0' and <= '\u024F';
    }
}
