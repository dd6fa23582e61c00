using System.Diagnostics;
using System.Text;
using PolicyArchiver.Bench.Fixtures;
using PolicyArchiver.Bench.Measuring;
using PolicyArchiver.Bench.Reporting;
using PolicyArchiver.Changes;

namespace PolicyArchiver.Bench.Scenarios;

/// <summary>
/// Scenario 5: <see cref="TextDiff.Count"/> and <see cref="TextDiff.WordLevel"/> between a
/// 300 KB policy text and the same text with 30 scattered edits (words replaced, clauses removed
/// and added), median of 9 runs after a warm-up.
/// </summary>
public static class DiffScenario
{
    private const string Name = "diff";

    public static Task RunAsync(BenchContext context, CancellationToken ct)
    {
        var random = new Random(300);
        var oldText = PolicyText.AsText(PolicyText.Generate(context.Ru, random, "Политика конфиденциальности", 300_000));
        var lines = oldText.Split('\n').ToList();
        for (var e = 0; e < 30; e++)
        {
            var i = random.Next(2, lines.Count - 1);
            switch (e % 3)
            {
                case 0:
                    var words = lines[i].Split(' ');
                    words[random.Next(words.Length)] = "изменено";
                    lines[i] = string.Join(' ', words);
                    break;
                case 1: lines.RemoveAt(i); break;
                default: lines.Insert(i, context.Ru.Sentence(random)); break;
            }
        }
        var newText = string.Join('\n', lines);
        TextDiff.Count(oldText, newText);
        TextDiff.WordLevel(oldText, newText);
        var count = new List<double>();
        var word = new List<double>();
        for (var run = 0; run < 9; run++)
        {
            ct.ThrowIfCancellationRequested();
            var clock = Stopwatch.StartNew();
            TextDiff.Count(oldText, newText);
            count.Add(clock.Elapsed.TotalMilliseconds);
            clock.Restart();
            TextDiff.WordLevel(oldText, newText);
            word.Add(clock.Elapsed.TotalMilliseconds);
        }
        var kb = Encoding.UTF8.GetByteCount(oldText) / 1024.0;
        var both = count.Zip(word, (a, b) => a + b).ToList();
        context.Figures.Add(Figure.Info(Name, "TextDiff.Count", Stats.Median(count), "ms", $"{kb:0} KB, {lines.Count} lines, 30 edits; median of 9"));
        context.Figures.Add(Figure.Info(Name, "TextDiff.WordLevel", Stats.Median(word), "ms", "median of 9"));
        context.Figures.Add(Figure.AtMost(Name, "300 KB diff (Count + WordLevel)", Stats.Median(both), "ms", 100, "median of 9"));
        return Task.CompletedTask;
    }
}
