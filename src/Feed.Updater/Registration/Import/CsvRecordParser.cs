using System.Text;

namespace Feed.Updater.Registration.Import;

/// <summary>
/// RFC 4180 records assembled from physical lines: quoted fields, doubled quotes, and quoted fields that
/// span line breaks. Lenient where real exports are sloppy: a quote inside an unquoted field is kept as a
/// character, and records may have different field counts.
/// </summary>
internal sealed class CsvRecordParser(int maxRecordChars)
{
    // Header names (case, spaces, '_' and '-' ignored) that mark the URL column.
    private static readonly HashSet<string> UrlColumnNames = new(StringComparer.Ordinal) { "url", "feed", "feedurl", "xmlurl", "rss", "rssurl" };

    private readonly List<string> _fields = [];
    private readonly StringBuilder _field = new();
    private bool _inQuotes;
    private int _recordChars;

    internal enum Status
    {
        /// <summary>A quoted field is still open; feed the next line.</summary>
        Incomplete,

        /// <summary><see cref="Fields"/> holds a whole record starting at <see cref="RecordLine"/>.</summary>
        Record,

        /// <summary>The record grew past the limit (most likely a missing closing quote) and was dropped.</summary>
        TooLong,
    }

    public IReadOnlyList<string> Fields => _fields;

    public long RecordLine { get; private set; }

    public bool InRecord => _inQuotes;

    /// <summary>Which column holds the URL; null until the first record was seen.</summary>
    public int? UrlColumn { get; private set; }

    public Status AddLine(string line, long lineNumber)
    {
        if (!_inQuotes)
        {
            _fields.Clear();
            _field.Clear();
            _recordChars = 0;
            RecordLine = lineNumber;
        }
        else
        {
            // RFC 4180 §2.6: a line break inside quotes belongs to the field.
            _field.Append('\n');
        }

        _recordChars += line.Length + 1;
        if (_recordChars > maxRecordChars)
        {
            Reset();
            return Status.TooLong;
        }

        if (!_inQuotes && !line.Contains('"', StringComparison.Ordinal))
        {
            // The common case (a plain list or a simple export): no quoting at all.
            _fields.AddRange(line.Split(','));
            return Status.Record;
        }

        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (_inQuotes)
            {
                if (c != '"')
                {
                    _field.Append(c);
                }
                else if (i + 1 < line.Length && line[i + 1] == '"')
                {
                    _field.Append('"');
                    i++;
                }
                else
                {
                    _inQuotes = false;
                }
            }
            else if (c == ',')
            {
                _fields.Add(_field.ToString());
                _field.Clear();
            }
            else if (c == '"' && _field.Length == 0)
            {
                _inQuotes = true;
            }
            else
            {
                _field.Append(c);
            }
        }

        if (_inQuotes)
        {
            return Status.Incomplete;
        }

        _fields.Add(_field.ToString());
        _field.Clear();
        return Status.Record;
    }

    /// <summary>Drops a half-read record (after a too-long physical line) so parsing resumes at the next line.</summary>
    public void Reset()
    {
        _inQuotes = false;
        _fields.Clear();
        _field.Clear();
        _recordChars = 0;
    }

    /// <summary>
    /// On the first record decides the URL column: a header naming it picks it (and the record is not data),
    /// otherwise the first column. Returns true when the current record is the header.
    /// </summary>
    public bool DecideHeader()
    {
        if (UrlColumn is not null)
        {
            return false;
        }

        for (var i = 0; i < _fields.Count; i++)
        {
            if (UrlColumnNames.Contains(NormalizeHeader(_fields[i])))
            {
                UrlColumn = i;
                return true;
            }
        }

        UrlColumn = 0;
        return false;
    }

    private static string NormalizeHeader(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name.AsSpan().Trim())
        {
            if (c is not (' ' or '_' or '-'))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }
}
