/**
 * Charts for people: the fan of a cell or group's simulated value per year and the odds of each
 * target with its interval, drawn with JFreeChart and written as PNG or SVG. Built from the public
 * API's messages only, so any client could draw the same pictures.
 */
package chaincast.chart;
