// Provided by ArchLab: do not edit.
