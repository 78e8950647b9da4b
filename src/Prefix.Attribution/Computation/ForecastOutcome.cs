using Prefix.Attribution.Results;

namespace Prefix.Attribution.Computation;

/// <summary>Show-level forecast result: A's new listeners over the attribution span against the forecast.</summary>
internal sealed record ForecastOutcome(double Actual, double Forecast, Estimate Delta, bool EnoughHistory);
