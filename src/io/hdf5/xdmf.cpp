// The XDMF sidecar of a recording: a temporal collection with one uniform grid per frame, each
// reading its plane of /frames through a hyperslab, so ParaView opens the run directly.

#include <sstream>

#include "h5_handles.hpp"

namespace mpilife::h5 {

namespace {

std::string xml_escape(const std::string& text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace

std::string xdmf_document(const std::string& h5_name, std::int64_t frame_width,
                          std::int64_t frame_height, std::int64_t scale,
                          const std::vector<std::int64_t>& generations) {
  const std::string file = xml_escape(h5_name);
  const std::string h = std::to_string(frame_height);
  const std::string w = std::to_string(frame_width);
  const std::string t = std::to_string(generations.size());
  const std::string value = scale == 1 ? "cells" : "density";
  // One document for ParaView's three readers (5.11): the legacy XDMF reader and the Xdmf3
  // readers (Xdmf3ReaderS/T) agree on nothing finer, so each frame's DataItem carries both forms.
  // The legacy reader takes ItemType without regard to case, reads "Hyperslab" as a hyperslab of
  // its two child DataItems (start/stride/count, then /frames) and ignores the item's own text.
  // The Xdmf3 readers take only "HyperSlab" spelled so; an array made that way has no number type
  // until read, and they skip it ("unrecognized array type"). "Hyperslab" is a plain HDF item to
  // them, whose text names the plane in their own hyperslab syntax,
  // "file:/frames|start:stride:count:extent". The mesh is 2D (2DCoRectMesh; a flat 3D mesh loses
  // the legacy reader's cells): both readers lay it in the y-z plane (columns along y, rows along
  // z). tests/cli/paraview.sh opens it with all three and compares every frame with /frames.
  std::ostringstream x;
  x << "<?xml version=\"1.0\" ?>\n"
    << "<Xdmf Version=\"3.0\">\n"
    << "  <Domain>\n"
    << "    <Grid Name=\"mpilife\" GridType=\"Collection\" CollectionType=\"Temporal\">\n";
  for (std::size_t i = 0; i < generations.size(); ++i) {
    x << "      <Grid Name=\"generation " << generations[i] << "\" GridType=\"Uniform\">\n"
      << "        <Time Value=\"" << generations[i] << "\" />\n"
      << "        <Topology TopologyType=\"2DCoRectMesh\" Dimensions=\"" << frame_height + 1 << ' '
      << frame_width + 1 << "\" />\n"
      << "        <Geometry GeometryType=\"ORIGIN_DXDY\">\n"
      << "          <DataItem Name=\"Origin\" Dimensions=\"2\" NumberType=\"Float\" "
         "Precision=\"8\" Format=\"XML\">0 0</DataItem>\n"
      << "          <DataItem Name=\"Spacing\" Dimensions=\"2\" NumberType=\"Float\" "
         "Precision=\"8\" Format=\"XML\">"
      << scale << ' ' << scale << "</DataItem>\n"
      << "        </Geometry>\n"
      << "        <Attribute Name=\"" << value << "\" AttributeType=\"Scalar\" Center=\"Cell\">\n"
      << "          <DataItem ItemType=\"Hyperslab\" Dimensions=\"" << h << ' ' << w
      << "\" NumberType=\"UChar\" Precision=\"1\" Format=\"HDF\">" << file << ":/frames|" << i
      << " 0 0:1 1 1:1 " << h << ' ' << w << ':' << t << ' ' << h << ' ' << w << "\n"
      << "            <DataItem Dimensions=\"3 3\" NumberType=\"Int\" Format=\"XML\">" << i
      << " 0 0 1 1 1 1 " << h << ' ' << w << "</DataItem>\n"
      << "            <DataItem Dimensions=\"" << t << ' ' << h << ' ' << w
      << "\" NumberType=\"UChar\" Precision=\"1\" Format=\"HDF\">" << file
      << ":/frames</DataItem>\n"
      << "          </DataItem>\n"
      << "        </Attribute>\n"
      << "      </Grid>\n";
  }
  x << "    </Grid>\n"
    << "  </Domain>\n"
    << "</Xdmf>\n";
  return x.str();
}

}  // namespace mpilife::h5
