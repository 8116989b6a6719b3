/** Code of the guide, compiled by the build so that the guide cannot rot. */
package io.github.convscope.docs;
