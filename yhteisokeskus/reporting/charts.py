"""The bar charts moved to core (core/charts.py), where every app may use them; kept
here so that the reporting modules' imports stay as they were."""

from core.charts import Bar, BarChart, bar_chart

__all__ = ["Bar", "BarChart", "bar_chart"]
