/**
 * Code of the guide that the lecture program does not run (splitting one folder, drawing transform parameters,
 * a report of one's own), compiled by the build so that the guide cannot rot. The lecture's own steps live once, in
 * {@code io.github.convscope.examples.lecture}, and the guide quotes them there.
 */
package io.github.convscope.docs;
