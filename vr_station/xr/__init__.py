"""OpenXR through pyopenxr: the only package that imports ``xr`` or OpenGL."""
