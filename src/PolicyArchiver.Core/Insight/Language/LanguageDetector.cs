namespace PolicyArchiver.Insight.Language;

/// <summary>
/// Tells whether a document's text is Kazakh, Russian, English or a mix, from letter statistics
/// and function words, line by line. Kazakh Cyrillic has nine letters Russian lacks
/// (ә ғ қ ң ө ұ ү һ і); two thirds of the words of Kazakh prose carry one (67% in a real operator's
/// policy), a Russian text only in quoted names (0.1% in a Russian rating report). One linear pass, no regular expressions and no allocation per word: it runs over
/// every version of every document.
/// </summary>
/// <remarks>
/// A line is skipped when fewer than half of its visible characters are letters (clause numbers,
/// phone numbers, dates, addresses) once web addresses are left out. A line is Latin (English)
/// when most of its letters are Latin; otherwise it is Kazakh when its Kazakh evidence (words with a
/// Kazakh letter, a capitalised one counting half, plus Kazakh function words) outweighs the Russian
/// function words and either at least <see cref="MarkedWordShare"/> of its words carry a Kazakh
/// letter or it has two Kazakh function words; else it is Russian. A Latin line of four words or
/// more without a single English function word is another Latin-script language and is not counted.
/// The document's shares weigh each line by its letters, so a long paragraph outweighs a menu item.
/// </remarks>
internal static class LanguageDetector
{
    /// <summary>
    /// The share one language needs for the text to be called that language rather than
    /// <see cref="DetectedLanguages.Mixed"/>. Pages keep some chrome, quoted names and a language
    /// switcher in the other language even after extraction (5–15% in the pages we archive); a page
    /// with both full texts sits near 50/50.
    /// </summary>
    public const double DominantShare = 0.80;

    /// <summary>Below this many classified letters (a title, a "page loading…" stub) the answer is unknown.</summary>
    public const int MinimumLetters = 40;

    /// <summary>
    /// The share of a line's Cyrillic words carrying a Kazakh letter from which it reads as Kazakh:
    /// Kazakh prose has about two thirds, a Russian line naming «Қазақтелеком» or «Әл-Фараби» far less.
    /// </summary>
    public const double MarkedWordShare = 0.15;

    /// <summary>A Latin line this long with no English function word is some other Latin-script language.</summary>
    private const int UnrecognisedLatinWords = 4;

    public static LanguageDetection Detect(string text) => Detect(text.AsSpan());

    public static LanguageDetection Detect(ReadOnlySpan<char> text)
    {
        long kk = 0, ru = 0, en = 0;
        foreach (var range in text.Split('\n'))
        {
            var tally = LineTally.Of(text[range]);
            var letters = tally.Letters;
            if (letters < 2 || letters * 2 < tally.Visible) continue;
            switch (Classify(tally))
            {
                case DetectedLanguages.Kazakh: kk += letters; break;
                case DetectedLanguages.Russian: ru += letters; break;
                case DetectedLanguages.English: en += letters; break;
            }
        }

        var total = kk + ru + en;
        if (total == 0) return new LanguageDetection(DetectedLanguages.Unknown, LanguageShares.None, 0);
        var shares = new LanguageShares(Round((double)kk / total), Round((double)ru / total), Round((double)en / total));
        var language = total < MinimumLetters ? DetectedLanguages.Unknown
            : kk >= DominantShare * total ? DetectedLanguages.Kazakh
            : ru >= DominantShare * total ? DetectedLanguages.Russian
            : en >= DominantShare * total ? DetectedLanguages.English
            : DetectedLanguages.Mixed;
        return new LanguageDetection(language, shares, (int)Math.Min(total, int.MaxValue));
    }

    /// <summary>The language of one line, or null when it is a Latin-script language other than English.</summary>
    private static string? Classify(LineTally line)
    {
        if (line.LatinLetters > line.CyrillicLetters)
            return line.EnglishWords > 0 || line.LatinWords < UnrecognisedLatinWords ? DetectedLanguages.English : null;
        var kazakh = line.KazakhMarked + line.KazakhWords;
        var marked = line.CyrillicWords == 0 ? 0 : line.KazakhMarked / line.CyrillicWords;
        return kazakh > line.RussianWords && (marked >= MarkedWordShare || line.KazakhWords >= 2)
            ? DetectedLanguages.Kazakh
            : DetectedLanguages.Russian;
    }

    /// <summary>Shares to three decimals, so that JSON output is stable and readable.</summary>
    private static double Round(double share) => Math.Round(share, 3, MidpointRounding.AwayFromZero);
}
