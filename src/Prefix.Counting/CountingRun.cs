namespace Prefix.Counting;

/// <summary>
/// One pass over hits grouped by (episode key, listener key) and time-ordered within each group:
/// stages 1–3 of <see cref="CountingEngine"/> with state for one group and one window at a time.
/// </summary>
internal sealed class CountingRun
{
    private readonly Func<string, EpisodeFacts?> _facts;
    private readonly CountingRules _rules;
    private readonly bool _verifyGrouping;
    private readonly Dictionary<string, EpisodeThreshold> _episodes = new(StringComparer.Ordinal);
    private readonly HashSet<(string Episode, string Listener)> _finishedGroups = [];
    private readonly Dictionary<string, long> _rejections = new(StringComparer.Ordinal);
    private readonly List<Download> _downloads = [];
    private readonly List<ByteInterval> _ranges = [];
    private readonly ByteIntervalSet _union = new();

    private long _hits;
    private long _eligible;
    private long _duplicates;
    private long _unqualified;

    // The current group.
    private bool _groupOpen;
    private string _episodeKey = string.Empty;
    private string _listenerKey = string.Empty;
    private EpisodeThreshold _episode;
    private DateTimeOffset _lastGroupTime;
    private Guid _lastHitId;

    // The current window of that group.
    private bool _windowOpen;
    private DateTimeOffset _windowStart;
    private DateTimeOffset _windowLast;
    private DateTimeOffset _firstHitAt;
    private DateTimeOffset? _qualifiedAt;
    private DateTimeOffset? _probeAt;
    private string _householdKey = string.Empty;

    public CountingRun(Func<string, EpisodeFacts?> facts, CountingRules rules, bool verifyGrouping)
    {
        _facts = facts;
        _rules = rules;
        _verifyGrouping = verifyGrouping;
    }

    public void Add(CountingHit hit)
    {
        ArgumentNullException.ThrowIfNull(hit);
        _hits++;
        var time = hit.Time.ToUniversalTime();
        var episodeKey = hit.EpisodeKey ?? string.Empty;
        var listenerKey = hit.ListenerKey ?? string.Empty;
        if (!_groupOpen || !string.Equals(episodeKey, _episodeKey, StringComparison.Ordinal)
            || !string.Equals(listenerKey, _listenerKey, StringComparison.Ordinal))
        {
            CloseGroup();
            OpenGroup(episodeKey, listenerKey);
        }
        else if (time < _lastGroupTime)
        {
            throw new ArgumentException(
                $"Hits of one (episode key, listener key) must come in time order; hit {hit.HitId} at {time:O} follows {_lastGroupTime:O}.",
                nameof(hit));
        }
        else if (hit.HitId != Guid.Empty && hit.HitId == _lastHitId)
        {
            // ReplacingMergeTree may return a row twice before it merges; one request counts once.
            _duplicates++;
            return;
        }

        _lastGroupTime = time;
        _lastHitId = hit.HitId;

        // Stage 1.
        var reason = Eligibility.CheckRequest(hit);
        var outcome = RangeOutcome.WholeFile;
        if (reason.Length == 0)
        {
            _ranges.Clear();
            outcome = RangeHeader.Parse(hit.Range, _episode.Size, _ranges);
            reason = outcome switch
            {
                RangeOutcome.Bad => RejectionReasons.BadRange,
                RangeOutcome.Tiny => RejectionReasons.TinyRange,
                RangeOutcome.Probe when _rules.Mode == CountingMode.Strict => RejectionReasons.Probe,
                _ => string.Empty,
            };
        }

        if (reason.Length > 0)
        {
            _rejections[reason] = _rejections.GetValueOrDefault(reason) + 1;
            return;
        }

        _eligible++;

        // Stage 2: windows open at eligible hits only.
        if (!_windowOpen || WindowRule.StartsNew(_rules.Window, _windowStart, _windowLast, time))
        {
            CloseWindow();
            OpenWindow(time, hit.HouseholdKey ?? string.Empty);
        }

        _windowLast = time;
        if (outcome == RangeOutcome.Probe)
        {
            // Never adds bytes; only remembered as a fallback download (prefix mode).
            _probeAt ??= time;
            return;
        }

        if (outcome == RangeOutcome.WholeFile)
        {
            _union.Add(new ByteInterval(0, _episode.Size ?? ByteInterval.Open));
        }
        else
        {
            foreach (var range in _ranges)
            {
                _union.Add(range);
            }
        }

        if (_qualifiedAt is null && Qualifies())
        {
            _qualifiedAt = time;
        }
    }

    public CountingResult Finish()
    {
        CloseGroup();
        var (counted, suspect) = HouseholdGuard.Apply(_downloads, _rules);
        return new CountingResult
        {
            Downloads = counted,
            SuspectDownloads = suspect,
            Rejections = _rejections,
            Bots = _rejections.GetValueOrDefault(RejectionReasons.BotUserAgent) + _rejections.GetValueOrDefault(RejectionReasons.BotLibrary),
            Hits = _hits,
            EligibleHits = _eligible,
            DuplicateHits = _duplicates,
            UnqualifiedWindows = _unqualified,
            Window = _rules.Window,
            Mode = _rules.Mode,
        };
    }

    private bool Qualifies()
    {
        if (_episode.Size is null)
        {
            // Unknown S: prefix counts any eligible non-probe GET; strict needs the whole (open-ended) file.
            return _rules.Mode == CountingMode.Prefix || _union.CoversFromZero(ByteInterval.Open);
        }

        return _rules.Mode == CountingMode.Prefix
            ? _union.Length >= _episode.Threshold
            : _union.CoversFromZero(_episode.Threshold);
    }

    private void OpenGroup(string episodeKey, string listenerKey)
    {
        if (_verifyGrouping && _finishedGroups.Contains((episodeKey, listenerKey)))
        {
            throw new ArgumentException(
                $"Hits of one (episode key, listener key) must be contiguous; episode '{episodeKey}' listener '{listenerKey}' came back.",
                nameof(episodeKey));
        }

        if (!_groupOpen || !string.Equals(episodeKey, _episodeKey, StringComparison.Ordinal))
        {
            if (!_episodes.TryGetValue(episodeKey, out _episode))
            {
                _episode = EpisodeThreshold.From(_facts(episodeKey));
                _episodes[episodeKey] = _episode;
            }
        }

        _groupOpen = true;
        _episodeKey = episodeKey;
        _listenerKey = listenerKey;
        _lastGroupTime = DateTimeOffset.MinValue;
        _lastHitId = Guid.Empty;
    }

    private void CloseGroup()
    {
        if (!_groupOpen)
        {
            return;
        }

        CloseWindow();
        if (_verifyGrouping)
        {
            _finishedGroups.Add((_episodeKey, _listenerKey));
        }
    }

    private void OpenWindow(DateTimeOffset time, string householdKey)
    {
        _windowOpen = true;
        _windowStart = WindowRule.OpenAt(_rules.Window, time);
        _firstHitAt = time;
        _householdKey = householdKey;
    }

    private void CloseWindow()
    {
        if (!_windowOpen)
        {
            return;
        }

        var qualifiedAt = _qualifiedAt;
        var probe = false;
        if (qualifiedAt is null && _rules.Mode == CountingMode.Prefix && _probeAt is not null)
        {
            // COUNTING.md 1.7: a probe counts only when nothing else qualified in this key and window.
            qualifiedAt = _probeAt;
            probe = true;
        }

        if (qualifiedAt is { } at)
        {
            _downloads.Add(new Download
            {
                EpisodeKey = _episodeKey,
                ListenerKey = _listenerKey,
                HouseholdKey = _householdKey,
                WindowStart = _windowStart,
                QualifiedAt = at,
                FirstHitAt = _firstHitAt,
                Probe = probe,
                Bytes = _union.Length,
            });
        }
        else
        {
            _unqualified++;
        }

        _union.Clear();
        _windowOpen = false;
        _qualifiedAt = null;
        _probeAt = null;
    }
}
