/** {@code prefloop export-labels}: the preferences topic as a reusable JSON Lines dataset. */
package prefloop.app.export;
