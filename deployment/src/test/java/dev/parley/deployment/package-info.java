/** Checks of the deployable artefacts: manifests, compose, dashboards, images. */
package dev.parley.deployment;
